//! sferum-gen: compiles an educational institution's YAML data into the documents it
//! needs to run the Sferum platform. The stages, in the order `pipeline` runs them:
//! discover → load → validate → model → plan → render (a bundle per institution) → export → emit.

pub mod assets;
pub mod config;
pub mod diag;
pub mod discover;
pub mod document;
pub mod emit;
pub mod export;
pub mod fonts;
pub mod fs;
pub mod grammar;
pub mod index;
pub mod i18n;
pub mod layout;
pub mod load;
pub mod merge;
pub mod model;
pub mod pipeline;
pub mod plan;
pub mod render;
pub mod roster;
pub mod site;
pub mod sign;
pub mod templates;
pub mod validate;
