//! Russian grammar helpers: declining people's names, institution names and posts, numerals
//! in words.

pub mod lexicon;
mod names;
mod numbers;
mod phrases;

pub use names::{Case, NameForms};
pub use phrases::{complete_forms, decline_phrase, Animacy, Declension};
pub use numbers::{period_genitive, times_genitive};

/// «a», «a и b», «a, b и c»: a list joined as Russian enumerates.
pub fn join_and(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_string(),
        [init @ .., last] => format!("{} и {last}", init.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::join_and;

    #[test]
    fn lists_join_with_a_final_and() {
        assert_eq!(join_and(&["основного общего"]), "основного общего");
        assert_eq!(join_and(&["основного общего", "среднего общего"]), "основного общего и среднего общего");
        assert_eq!(join_and(&["а", "б", "в"]), "а, б и в");
    }
}
