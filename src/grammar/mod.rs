//! Russian grammar helpers: declining people's names, numerals in words.

mod names;
mod numbers;

pub use names::{Case, NameForms};
pub use numbers::{period_genitive, times_genitive};
