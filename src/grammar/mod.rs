//! Russian grammar helpers: declining people's names, printing names with initials.

mod names;

pub use names::{Case, NameForms};
