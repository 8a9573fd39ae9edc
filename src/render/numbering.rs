//! Generated clause numbers: `## Title` → `## N. Title`, `§ ` → `N.M.`, `§§ ` → `N.M.K.`.
//! Numbers are never typed in templates, so a module switched off closes the gap.

use anyhow::{bail, Result};

/// Numbers sections and clauses of rendered Markdown; fails on a clause outside a
/// section or a section without clauses (an announced but empty section).
pub fn number_clauses(markdown: &str) -> Result<String> {
    let mut out = String::with_capacity(markdown.len() + 256);
    let (mut section, mut clause, mut sub) = (0u32, 0u32, 0u32);
    let mut section_title = String::new();
    for line in markdown.lines() {
        if let Some(title) = line.strip_prefix("## ") {
            check_not_empty(section, clause, &section_title)?;
            section += 1;
            (clause, sub) = (0, 0);
            section_title = title.trim().to_string();
            out.push_str(&format!("## {section}. {}\n", section_title));
        } else if let Some(text) = line.strip_prefix("§§ ") {
            if clause == 0 {
                bail!("a sub-clause `§§` comes before any clause in section `{section_title}`");
            }
            sub += 1;
            out.push_str(&format!("{section}.{clause}.{sub}. {}\n", text.trim_start()));
        } else if let Some(text) = line.strip_prefix("§ ") {
            if section == 0 {
                bail!("a clause `§` comes before the first section heading");
            }
            clause += 1;
            sub = 0;
            out.push_str(&format!("{section}.{clause}. {}\n", text.trim_start()));
        } else {
            out.push_str(line);
            out.push('\n');
        }
    }
    check_not_empty(section, clause, &section_title)?;
    Ok(collapse_blank_lines(&out))
}

fn check_not_empty(section: u32, clause: u32, title: &str) -> Result<()> {
    if section > 0 && clause == 0 {
        bail!("section `{title}` has no clauses");
    }
    Ok(())
}

/// Numbers the points of an order or a form, which has no sections: `§ ` → `N.`,
/// `§§ ` → `N.M.`. The dot is escaped so Markdown keeps the point a paragraph, not a list.
pub fn number_points(markdown: &str) -> Result<String> {
    let mut out = String::with_capacity(markdown.len() + 128);
    let (mut point, mut sub) = (0u32, 0u32);
    for line in markdown.lines() {
        if let Some(text) = line.strip_prefix("§§ ") {
            if point == 0 {
                bail!("a sub-point `§§` comes before any point");
            }
            sub += 1;
            out.push_str(&format!("{point}.{sub}\\. {}\n", text.trim_start()));
        } else if let Some(text) = line.strip_prefix("§ ") {
            point += 1;
            sub = 0;
            out.push_str(&format!("{point}\\. {}\n", text.trim_start()));
        } else if line.starts_with("## ") {
            bail!("a point list has no sections; `{line}` belongs in a regulation");
        } else {
            out.push_str(line);
            out.push('\n');
        }
    }
    Ok(collapse_blank_lines(&out))
}

/// Template conditionals leave runs of blank lines; one is enough for Markdown.
pub(crate) fn collapse_blank_lines(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut blank = 0;
    for line in s.trim().lines() {
        if line.trim().is_empty() {
            blank += 1;
            if blank > 1 {
                continue;
            }
            out.push('\n');
        } else {
            blank = 0;
            out.push_str(line.trim_end());
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_close_up() {
        let md = "## Общие\n\n§ один\n\n§§ под\n\n§ два\n\n\n\n## Final\n\n§ три\n";
        let out = number_clauses(md).unwrap();
        assert_eq!(out, "## 1. Общие\n\n1.1. один\n\n1.1.1. под\n\n1.2. два\n\n## 2. Final\n\n2.1. три\n");
    }

    #[test]
    fn points_are_numbered_as_paragraphs() {
        let out = number_points("Преамбула.\n\n§ Первый.\n\n§§ Подпункт.\n\n§ Второй.\n").unwrap();
        assert_eq!(out, "Преамбула.\n\n1\\. Первый.\n\n1.1\\. Подпункт.\n\n2\\. Второй.\n");
        assert!(number_points("## Раздел\n").is_err());
    }

    #[test]
    fn empty_section_is_an_error() {
        assert!(number_clauses("## A\n\n## B\n\n§ x\n").unwrap_err().to_string().contains("`A` has no clauses"));
        assert!(number_clauses("§ x\n").is_err());
    }
}
