//! Institution names, self-references and posts in the six cases, derived from the nominative
//! with the OpenCorpora dictionary bundled in `rumorph`: the leading adjectives and participles
//! agree with the head noun; what follows the head (a genitive or instrumental complement,
//! a quoted name, «№ 200») stays as written, and so does a phrase that starts with an
//! abbreviation, a quote or a number.

use std::sync::LazyLock;

use rumorph::{Analysis, Dictionary, Source, UdTag};

use super::Case;
use crate::model::CaseForms;

/// The dictionary, read once from the binary (no copy; about 4 ms).
static DICTIONARY: LazyLock<Dictionary> = LazyLock::new(|| Dictionary::bundled().expect("the dictionary bundled in rumorph is valid"));

/// Whether a phrase names a person (a post: «назначить директора») or a thing (an
/// institution: «зарегистрировать Техникум»): the accusative of a masculine or plural phrase
/// is its genitive or its nominative.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Animacy {
    Animate,
    Inanimate,
}

/// A phrase in the six cases, derived from its nominative.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Declension {
    /// The forms in the order of [`Case::ALL`]; the first is the nominative as written.
    pub forms: [String; 6],
    /// The declined words the dictionary does not know: their forms are guessed from the ending.
    pub guessed: Vec<String>,
}

/// Nouns whose form after «в» is the second locative: «в детском саду».
const SECOND_LOCATIVE: [&str; 1] = ["сад"];

/// `nominative` in every case. The words before and including the head noun decline (the
/// adjectives in the head's gender and number); the rest stays as written.
pub fn decline_phrase(nominative: &str, animacy: Animacy) -> Declension {
    let declined = head_phrase(nominative, &leading_words(nominative));
    let with_yo = nominative.contains(['ё', 'Ё']);
    let word = |d: &Declined| &nominative[d.word.clone()];
    let mut guessed: Vec<String> =
        declined.iter().filter(|d| d.reading.source != Source::Dictionary && !matches!(d.role, Role::Compound(_))).map(|d| word(d).to_string()).collect();
    let forms = Case::ALL.map(|case| {
        if case == Case::Nom {
            return nominative.to_string();
        }
        let mut out = String::with_capacity(nominative.len() + 16);
        let mut last = 0;
        for d in &declined {
            let original = word(d);
            // A word the dictionary has no such form of stays as written (and is named for review).
            let form = inflect(&d.reading, &d.role, case, animacy, original).unwrap_or_else(|| {
                if !guessed.iter().any(|g| g == original) {
                    guessed.push(original.to_string());
                }
                original.to_lowercase()
            });
            out.push_str(&nominative[last..d.word.start]);
            out.push_str(&spelled_like(original, &form, with_yo));
            last = d.word.end;
        }
        out.push_str(&nominative[last..]);
        out
    });
    Declension { forms, guessed }
}

/// A word of the phrase that declines: where its letters are, and how it is read.
struct Declined {
    word: std::ops::Range<usize>,
    reading: Analysis,
    role: Role,
}

#[derive(Debug, Clone, PartialEq)]
enum Role {
    /// An adjective or participle that agrees with the head.
    Modifier,
    /// The head noun.
    Noun,
    /// A participle or adjective used as a noun («заведующий»).
    Substantive,
    /// Two nouns joined by a hyphen that both decline («педагог-психолог»), each with its
    /// reading, when the dictionary knows each but not the pair.
    Compound(Vec<Analysis>),
}

/// The byte ranges of the letters of the words that may decline: the words from the start up
/// to the first that cannot (an abbreviation, a quote, a number, «г.»). Brackets and commas
/// around a word stay outside its range: «(сменная)».
fn leading_words(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut words = Vec::new();
    for raw in text.split_whitespace() {
        let trimmed = raw.trim_start_matches(['(', '[']).trim_end_matches([')', ']', ',', ';']);
        let uppercase = trimmed.chars().filter(|c| c.is_uppercase()).count();
        let word_like = !trimmed.is_empty()
            && trimmed.chars().all(|c| is_cyrillic(c) || c == '-')
            && !trimmed.starts_with('-')
            && !trimmed.ends_with('-');
        if !word_like || uppercase > 1 {
            break;
        }
        // Both are slices of `text`: the offset of one in the other.
        let start = trimmed.as_ptr() as usize - text.as_ptr() as usize;
        words.push(start..start + trimmed.len());
    }
    words
}

fn is_cyrillic(c: char) -> bool {
    matches!(c, 'а'..='я' | 'А'..='Я' | 'ё' | 'Ё')
}

/// The readings of a word in the nominative, most probable first.
fn nominative_readings(word: &str) -> Vec<Analysis> {
    DICTIONARY.analyze(&word.to_lowercase()).into_iter().filter(|a| tag(a).feat("Case") == Some("Nom")).collect()
}

fn tag(a: &Analysis) -> UdTag<'static> {
    DICTIONARY.ud_tag(a.ud).expect("a reading's tag is in its dictionary")
}

fn is_adjective(a: &Analysis) -> bool {
    let t = tag(a);
    matches!(t.pos(), "ADJ" | "DET") || (t.pos() == "VERB" && t.feat("VerbForm") == Some("Part"))
}

fn is_noun(a: &Analysis) -> bool {
    matches!(tag(a).pos(), "NOUN" | "PROPN")
}

/// Whether an adjective reading agrees in number and gender with another word's reading.
fn agrees(adjective: &Analysis, other: &Analysis) -> bool {
    let (a, b) = (tag(adjective), tag(other));
    match (a.feat("Number"), b.feat("Number")) {
        (Some("Plur"), Some("Plur")) => true,
        (Some("Sing"), Some("Sing")) => b.feat("Gender").is_none() || a.feat("Gender") == b.feat("Gender"),
        _ => false,
    }
}

/// The words that decline: the leading adjectives that agree with the next word, then the head
/// (the first noun that agrees with them, else the last adjective taken as a noun). Empty when
/// the phrase has no head it can decline (it starts with an abbreviation or a quote).
fn head_phrase(text: &str, words: &[std::ops::Range<usize>]) -> Vec<Declined> {
    let readings: Vec<Vec<Analysis>> = words.iter().map(|w| nominative_readings(&text[w.clone()])).collect();
    let mut out: Vec<Declined> = Vec::new();
    for (i, word) in words.iter().enumerate() {
        let agrees_so_far = |r: &Analysis| out.last().is_none_or(|m| agrees(&m.reading, r));
        let next = readings.get(i + 1).map(Vec::as_slice).unwrap_or_default();
        let modifier = readings[i].iter().find(|r| is_adjective(r) && agrees_so_far(r) && next.iter().any(|n| agrees(r, n)));
        if let Some(r) = modifier {
            out.push(Declined { word: word.clone(), reading: r.clone(), role: Role::Modifier });
            continue;
        }
        if let Some(r) = readings[i].iter().find(|r| is_noun(r) && agrees_so_far(r)) {
            let role = compound(&text[word.clone()], r).map_or(Role::Noun, Role::Compound);
            out.push(Declined { word: word.clone(), reading: r.clone(), role });
            return out;
        }
        if let Some(r) = readings[i].iter().find(|r| is_adjective(r) && agrees_so_far(r)) {
            out.push(Declined { word: word.clone(), reading: r.clone(), role: Role::Substantive });
            return out;
        }
        break;
    }
    Vec::new()
}

/// The readings of the parts of a hyphenated noun the dictionary does not know as a whole,
/// when each part is a noun it knows («педагог-психолог», «учитель-логопед»).
fn compound(word: &str, reading: &Analysis) -> Option<Vec<Analysis>> {
    if reading.source == Source::Dictionary || !word.contains('-') {
        return None;
    }
    word.split('-').map(|part| nominative_readings(part).into_iter().find(|r| is_noun(r) && r.source == Source::Dictionary)).collect()
}

/// Where the accusative comes from.
enum Accusative {
    Nominative,
    Genitive,
    Dictionary,
}

/// A feminine singular and a noun in «-а»/«-я» («судья») have their own accusative; a neuter
/// singular takes the nominative; a masculine or a plural takes the genitive when animate.
fn accusative(reading: &Analysis, role: &Role, animacy: Animacy) -> Accusative {
    let t = tag(reading);
    let singular = t.feat("Number") == Some("Sing");
    if singular && t.feat("Gender") == Some("Fem") || *role == Role::Noun && reading.word.ends_with(['а', 'я']) {
        Accusative::Dictionary
    } else if singular && t.feat("Gender") == Some("Neut") || animacy == Animacy::Inanimate {
        Accusative::Nominative
    } else {
        Accusative::Genitive
    }
}

/// One word in `case`, in lower case; `None` when the dictionary has no such form.
fn inflect(reading: &Analysis, role: &Role, case: Case, animacy: Animacy, original: &str) -> Option<String> {
    let lower = original.to_lowercase();
    if let Role::Compound(parts) = role {
        let forms: Option<Vec<String>> = parts.iter().zip(lower.split('-')).map(|(r, part)| inflect(r, &Role::Noun, case, animacy, part)).collect();
        return forms.map(|f| f.join("-"));
    }
    let ud_case = match case {
        Case::Nom => return Some(lower),
        Case::Gen => "Gen",
        Case::Dat => "Dat",
        Case::Ins => "Ins",
        Case::Prep => "Loc",
        Case::Acc => match accusative(reading, role, animacy) {
            Accusative::Nominative => return Some(lower),
            Accusative::Genitive => "Gen",
            Accusative::Dictionary => "Acc",
        },
    };
    if case == Case::Prep && *role == Role::Noun && SECOND_LOCATIVE.contains(&reading.lemma.as_str()) {
        let number = tag(reading).feat("Number");
        let second = DICTIONARY.forms(reading).into_iter().find(|f| {
            let t = tag(f);
            t.feat("Case") == Some("Loc") && t.feat("Number") == number && t.has_label("loc2")
        });
        if let Some(form) = second {
            return Some(form.word);
        }
    }
    DICTIONARY.inflect(reading, &[("Case", ud_case)]).map(|a| a.word)
}

/// A derived form of `original` spelled as the nominative phrase was: a capital first letter
/// kept, «ё» written as «е» unless the phrase writes «ё» (`with_yo`).
fn spelled_like(original: &str, form: &str, with_yo: bool) -> String {
    let form = if with_yo { form.to_string() } else { form.replace('ё', "е").replace('Ё', "Е") };
    match (original.chars().next(), form.chars().next()) {
        (Some(o), Some(f)) if o.is_uppercase() && !f.is_uppercase() => f.to_uppercase().chain(form.chars().skip(1)).collect(),
        _ => form,
    }
}

/// Fills in the forms of `forms` the data left out, from its nominative; a form the data
/// wrote stays. Returns the words whose forms were guessed (see [`Declension::guessed`]),
/// none when the data wrote every form.
pub fn complete_forms(forms: &mut CaseForms, animacy: Animacy) -> Vec<String> {
    let written = forms.written;
    if written.iter().all(|w| *w) {
        return Vec::new();
    }
    let derived = decline_phrase(&forms.nom, animacy);
    for ((slot, form), written) in forms.all_mut().into_iter().zip(derived.forms).zip(written) {
        if !written {
            *slot = form;
        }
    }
    derived.guessed
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        leading_words(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn the_words_that_may_decline_stop_at_a_quote_an_abbreviation_or_a_number() {
        assert_eq!(words("Открытая (сменная) школа № 12"), ["Открытая", "сменная", "школа"]);
        assert_eq!(words("учреждение «Детский сад «Родничок»"), ["учреждение"]);
        assert_eq!(words("БОУ г. Омска «СОШ № 200»"), Vec::<&str>::new());
        assert_eq!(words("Лицей им. А.С. Пушкина"), ["Лицей"]);
        assert_eq!(words("педагог-психолог"), ["педагог-психолог"]);
        assert_eq!(words("*Ив* <script>"), Vec::<&str>::new());
    }

    #[test]
    fn a_form_keeps_the_capital_and_the_spelling_of_the_nominative() {
        assert_eq!(spelled_like("Техникум", "техникума", false), "Техникума");
        assert_eq!(spelled_like("секретарь", "секретарём", false), "секретарем");
        assert_eq!(spelled_like("секретарь", "секретарём", true), "секретарём");
    }

    #[test]
    fn an_abbreviation_or_a_quote_first_keeps_the_phrase_as_written() {
        for phrase in ["ДОУ", "МБОУ «СОШ № 14»", "«Радуга»", "№ 5"] {
            assert!(decline_phrase(phrase, Animacy::Inanimate).forms.iter().all(|f| f == phrase), "{phrase}");
        }
    }
}
