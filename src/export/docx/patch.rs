//! WordprocessingML that docx-rs cannot write, added to its rendered parts before packing:
//! the document language (ru-RU, so Word hyphenates and spell-checks in Russian), automatic
//! hyphenation, and table head rows that repeat on every page.

use anyhow::{Context, Result, bail};

/// Russian as the language of all text: `w:lang` in the run defaults of styles.xml.
pub(super) fn language(styles: &mut Vec<u8>) -> Result<()> {
    let lang = r#"<w:lang w:val="ru-RU" w:eastAsia="ru-RU" />"#;
    edit(styles, "styles.xml", |xml| {
        let defaults = xml.find("<w:rPrDefault>").context("no w:rPrDefault")? + "<w:rPrDefault>".len();
        if xml[defaults..].starts_with("<w:rPr />") {
            xml.replace_range(defaults..defaults + "<w:rPr />".len(), &format!("<w:rPr>{lang}</w:rPr>"));
        } else {
            let end = defaults + xml[defaults..].find("</w:rPr>").context("no end of the default run properties")?;
            xml.insert_str(end, lang);
        }
        Ok(())
    })
}

/// Automatic hyphenation, except of words in capitals (abbreviations), as in the PDF.
pub(super) fn hyphenation(settings: &mut Vec<u8>) -> Result<()> {
    edit(settings, "settings.xml", |xml| {
        // CT_Settings orders these after w:defaultTabStop and before w:compat.
        let compat = xml.find("<w:compat>").context("no w:compat")?;
        xml.insert_str(compat, r#"<w:autoHyphenation w:val="true" /><w:doNotHyphenateCaps w:val="true" />"#);
        Ok(())
    })
}

/// Marks the first row of each table at the given positions (0 for the document's first
/// table) as a head row that Word repeats at the top of every page.
pub(super) fn repeat_header_rows(document: &mut Vec<u8>, tables: &[usize]) -> Result<()> {
    if tables.is_empty() {
        return Ok(());
    }
    edit(document, "document.xml", |xml| {
        let starts: Vec<usize> = xml.match_indices("<w:tbl>").map(|(i, _)| i).collect();
        // From the last table back, so the earlier positions stay valid.
        for &t in tables.iter().rev() {
            let Some(&start) = starts.get(t) else { bail!("no table number {t}") };
            let row = start + xml[start..].find("<w:trPr").context("a table without a row")?;
            if xml[row..].starts_with("<w:trPr />") {
                xml.replace_range(row..row + "<w:trPr />".len(), "<w:trPr><w:tblHeader /></w:trPr>");
            } else {
                xml.insert_str(row + "<w:trPr>".len(), "<w:tblHeader />");
            }
        }
        Ok(())
    })
}

/// Applies `change` to the XML text of one part.
fn edit(part: &mut Vec<u8>, name: &str, change: impl FnOnce(&mut String) -> Result<()>) -> Result<()> {
    let mut xml = String::from_utf8(std::mem::take(part)).with_context(|| format!("word/{name} is not UTF-8"))?;
    change(&mut xml).with_context(|| format!("cannot amend word/{name} as docx-rs wrote it"))?;
    *part = xml.into_bytes();
    Ok(())
}
