//! Changing the messenger in the data changes every document, and nothing but the
//! messenger's name and what the vocabulary claims about that messenger: render each
//! document for MAX and for VK, put a placeholder for every case form of each messenger's
//! name and for each of its facts, drop the sentences only one messenger allows (the
//! confirmation code sent to a parent's e-mail), and the documents must then be identical.

use std::path::PathBuf;

use sferum_gen::config::CheckConfig;
use sferum_gen::model::{Institution, LegalActs, Messenger};
use sferum_gen::pipeline;
use sferum_gen::render::{self, RenderContext};

fn documents(ctx: &RenderContext, inst: &Institution, registry: &LegalActs) -> Vec<String> {
    let mut docs = vec![
        render::render_regulation(ctx, inst, registry).unwrap(),
        render::render_platform_order(ctx, inst, registry).unwrap(),
        render::render_admin_order(ctx, inst, registry).unwrap(),
        render::render_registration_letter(ctx, inst, registry).unwrap(),
        render::render_chat_rules(ctx, inst, registry).unwrap(),
        render::render_opt_out_form(ctx, inst, registry).unwrap(),
    ];
    docs.extend(render::render_acknowledgments(ctx, inst, registry).unwrap());
    let mut out: Vec<String> = docs.iter().map(|d| serde_json::to_string_pretty(d).unwrap()).collect();
    out.push(serde_json::to_string_pretty(&render::render_registration_email(ctx, inst, registry).unwrap()).unwrap());
    // The onboarding site's pages (the guide PDFs' sizes, printed in the links, aside).
    let site = sferum_gen::site::render(ctx, inst, registry).unwrap();
    let opts = sferum_gen::export::Options { templates: &ctx.templates, clock: sferum_gen::config::Clock::system() };
    for page in sferum_gen::export::site_files(&opts, &site, &[]).unwrap() {
        if page.path.extension().is_some_and(|e| e == "html") {
            let html = String::from_utf8(page.bytes).unwrap();
            out.push(match html.split_once("(A4, ") {
                Some((before, after)) => format!("{before}(A4, {}", &after[after.find(" КБ)").unwrap()..]),
                None => html,
            });
        }
    }
    out
}

/// Every case form of the messenger's name (longest first, so «VK Мессенджера» goes before «VK Мессенджер»).
fn neutralise(text: &str, ctx: &RenderContext, inst: &Institution) -> String {
    let words = ctx.vocabulary.words(inst.info.kind, inst.info.messenger);
    let mut forms: Vec<(String, String)> = ["nom", "gen", "dat", "acc", "ins", "prep"]
        .iter()
        .map(|case| (words["messenger"][case].as_str().unwrap().to_string(), format!("<messenger:{case}>")))
        .collect();
    for (key, fact) in words["messenger"]["facts"].as_object().unwrap() {
        if let Some(fact) = fact.as_str().filter(|f| !f.is_empty()) {
            forms.push((fact.to_string(), format!("<messenger:fact:{key}>")));
        }
    }
    forms.sort_by_key(|(form, _)| std::cmp::Reverse(form.len()));
    // Markdown escapes («\\.») differ in neither copy's meaning; drop them before matching the facts.
    // No-break spaces (typography ties «MAX – по …») neither.
    let text = forms.iter().fold(text.replace('\\', "").replace('\u{a0}', " "), |t, (form, token)| t.replace(form.as_str(), token));
    // A fact present for one messenger only leaves its placeholder (and a space) in one copy.
    let text = ["no_ads", "account"].iter().fold(text, |t, key| t.replace(&format!(" <messenger:fact:{key}>"), ""));
    drop_sentences_with(text, "код подтверждения")
}

/// `text` without the sentences that contain `needle` (each with the space before it).
fn drop_sentences_with(mut text: String, needle: &str) -> String {
    while let Some(at) = text.find(needle) {
        let start = text[..at].rfind(". ").map_or(0, |i| i + 1);
        let end = at + text[at..].find('.').map_or(text.len() - at, |i| i + 1);
        text.replace_range(start..end, "");
    }
    text
}

#[test]
fn switching_the_messenger_changes_only_its_name() {
    let checked = pipeline::check(&CheckConfig::new(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("policies")));
    let catalog = checked.catalog.expect("examples are valid");
    let ctx = RenderContext::new().unwrap();
    let max = catalog.institutions.iter().find(|i| i.id() == "school-max").unwrap().clone();
    let mut vk = max.clone();
    vk.info.messenger = Messenger::Vk;

    let (a, b) = (documents(&ctx, &max, &catalog.registry), documents(&ctx, &vk, &catalog.registry));
    assert_eq!(a.len(), b.len());
    let mut changed = 0;
    for (x, y) in a.iter().zip(&b) {
        assert!(!x.contains("VK") && !y.contains("MAX"), "a document names the other messenger:\n{x}\n{y}");
        if x.contains("MAX") {
            assert!(y.contains("VK"), "the VK copy lost the messenger's name:\n{y}");
            changed += 1;
        } else {
            // A document that names no messenger (an acknowledgment sheet of the admin order) stays as it is.
            assert!(!y.contains("VK"), "{y}");
        }
        let (nx, ny) = (neutralise(x, &ctx, &max), neutralise(y, &ctx, &vk));
        if nx != ny {
            let at = nx.chars().zip(ny.chars()).take_while(|(a, b)| a == b).count();
            let around = |t: &str| t.chars().skip(at.saturating_sub(150)).take(400).collect::<String>();
            panic!("documents differ in more than the messenger near:\n{}\n---\n{}", around(&nx), around(&ny));
        }
    }
    assert!(changed >= 9 + 7, "only {changed} of {} documents and site pages name the messenger", a.len());
}
