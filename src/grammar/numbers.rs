//! Numbers in words, in the genitive that «более …» and «до …» take.

/// «трех раз» for 3, so that «более трех раз» reads right; «чем 12 раз» beyond ten.
pub fn times_genitive(n: u32) -> String {
    const WORDS: [&str; 10] = ["одного раза", "двух раз", "трех раз", "четырех раз", "пяти раз", "шести раз", "семи раз", "восьми раз", "девяти раз", "десяти раз"];
    match n {
        1..=10 => WORDS[n as usize - 1].to_string(),
        _ => format!("чем {n} {}", if (2..=4).contains(&(n % 10)) && !(12..=14).contains(&(n % 100)) { "раза" } else { "раз" }),
    }
}

/// «одного месяца» for 30 days, so that «до одного месяца» reads right; «5 дней» otherwise.
pub fn period_genitive(days: u32) -> String {
    match days {
        1 => "одного дня".into(),
        7 => "одной недели".into(),
        14 => "двух недель".into(),
        30 => "одного месяца".into(),
        _ => format!("{days} {}", if days % 10 == 1 && days % 100 != 11 { "дня" } else { "дней" }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numerals_agree() {
        assert_eq!(times_genitive(3), "трех раз");
        assert_eq!(times_genitive(1), "одного раза");
        assert_eq!(times_genitive(12), "чем 12 раз");
        assert_eq!(times_genitive(22), "чем 22 раза");
        assert_eq!(period_genitive(30), "одного месяца");
        assert_eq!(period_genitive(21), "21 дня");
        assert_eq!(period_genitive(11), "11 дней");
        assert_eq!(period_genitive(5), "5 дней");
    }
}
