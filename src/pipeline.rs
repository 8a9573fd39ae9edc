//! The only place where stages meet: discover → load/validate → plan → render → backends → emit.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use rayon::prelude::*;

use crate::backend::{docx, eml, html, json, pdf, Artifact};
use crate::config::{BuildConfig, CheckConfig};
use crate::diag::Diagnostics;
use crate::discover::discover;
use crate::emit::Staging;
use crate::load::SourceMap;
use crate::model::Catalog;
use crate::plan::{plan, DocumentKind, Job};
use crate::document::{Document, Visibility};
use crate::render::{
    render_acknowledgments, render_admin_consent, render_admin_order, render_chat_rules, render_opt_out_form, render_platform_order, render_registration_email,
    render_registration_letter, render_regulation, render_runtime_config, RenderContext,
};
use crate::sign::InstitutionSigning;
use crate::templates::Templates;
use crate::validate::validate;
use crate::tr;

/// The result of validation: the catalog of the valid institutions, and every diagnostic.
pub struct Checked {
    /// The institutions without an error; `None` when an error outside every institution's
    /// folder (the registry, the template overlay, the input folder itself) stops everything.
    pub catalog: Option<Catalog>,
    /// The folders of the institutions that have errors (not in `catalog`).
    pub failed: Vec<PathBuf>,
    /// The folder names of every institution found (before `only`), for naming the known ids.
    pub found: Vec<String>,
    pub diagnostics: Diagnostics,
    pub sources: SourceMap,
    /// The templates the build renders with (the built-in set, with an overlay's files in
    /// their place); `None` when the overlay has errors.
    pub templates: Option<Templates>,
}

/// Runs discovery and validation, and checks the template overlay when there is one: its
/// files must parse, and every document of every valid institution must render with them.
pub fn check(cfg: &CheckConfig) -> Checked {
    check_only(cfg, &[])
}

/// Like `check`, but validates only the institutions whose folders are named in `only` (all
/// when it is empty), with the shared registry and templates.
pub fn check_only(cfg: &CheckConfig, only: &[String]) -> Checked {
    let mut diagnostics = Diagnostics::default();
    let mut sources = SourceMap::default();
    let mut found = discover(&cfg.input, &mut diagnostics);
    let names: Vec<String> = found.institutions.iter().map(|i| folder_name(&i.dir)).collect();
    if !only.is_empty() {
        found.institutions.retain(|i| only.contains(&folder_name(&i.dir)));
    }
    let catalog = validate(&found, cfg.draft, &mut sources, &mut diagnostics);
    let mut overlay = cfg.overlay();
    // `_templates/` found in the input (not named by --templates) may not link out of it.
    if let Some(dir) = overlay.as_deref().filter(|_| cfg.templates.is_none()) {
        let guard = dir.parent().and_then(|p| std::fs::canonicalize(p).ok()).unwrap_or_default();
        if !crate::discover::linked_folder_stays(dir, &guard, &mut diagnostics) {
            overlay = None;
        }
    }
    let (templates, overlay_diagnostics) = Templates::with_overlay(overlay.as_deref());
    diagnostics.extend(overlay_diagnostics);
    // An error in an institution's folder keeps that institution out; any other error stops all.
    let dirs: Vec<&Path> = found.institutions.iter().map(|i| i.dir.as_path()).collect();
    let in_folder = |d: &crate::diag::Diagnostic| d.file.as_deref().is_some_and(|f| dirs.iter().any(|dir| f.starts_with(dir)));
    let global_errors = |diagnostics: &Diagnostics| diagnostics.iter().any(|d| d.is_error() && !in_folder(d));
    if let (Some(templates), Some(catalog)) = (&templates, &catalog) {
        if templates.has_overlay() && !global_errors(&diagnostics) {
            diagnostics.extend(check_rendering(templates, catalog));
        }
    }
    let global = global_errors(&diagnostics);
    // Validation leaves out of the catalog exactly the institutions that cannot be built.
    let failed: Vec<PathBuf> = dirs
        .iter()
        .filter(|dir| catalog.as_ref().is_none_or(|c| !c.institutions.iter().any(|i| i.dir.as_path() == **dir)))
        .map(|dir| dir.to_path_buf())
        .collect();
    let templates = templates.filter(|_| !global);
    Checked { catalog: catalog.filter(|_| !global), failed, found: names, diagnostics: diagnostics.sorted(), sources, templates }
}

/// An institution folder's name: its id, when the data is right.
fn folder_name(dir: &Path) -> String {
    dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
}

/// Renders the text of every document of every institution with `templates` (an overlay's
/// files in place), so that a variable an overlay template uses but the context lacks is an
/// error at `check`, at the template's file and line, before anything is built.
fn check_rendering(templates: &Templates, catalog: &Catalog) -> Vec<crate::diag::Diagnostic> {
    let ctx = match RenderContext::with_templates(templates.clone()) {
        Ok(ctx) => ctx,
        Err(e) => return vec![crate::diag::Diagnostic::error("template-error", format!("{e:#}"))],
    };
    let mut out: Vec<crate::diag::Diagnostic> = Vec::new();
    for inst in &catalog.institutions {
        let registry = &catalog.registry;
        let results: Vec<Result<()>> = vec![
            render_regulation(&ctx, inst, registry).map(drop),
            render_platform_order(&ctx, inst, registry).map(drop),
            render_admin_order(&ctx, inst, registry).map(drop),
            render_registration_letter(&ctx, inst, registry).map(drop),
            render_registration_email(&ctx, inst, registry).map(drop),
            render_admin_consent(&ctx, inst, registry).map(drop),
            render_chat_rules(&ctx, inst, registry).map(drop),
            render_opt_out_form(&ctx, inst, registry).map(drop),
            render_acknowledgments(&ctx, inst, registry).map(drop),
            crate::site::render_site_texts(&ctx, inst, registry),
        ];
        let mut results = results;
        // An overlaid layout is compiled too: its errors are template errors at its line.
        if templates.overlay_path("layout/gost.typ").is_some() {
            results.push(render_regulation(&ctx, inst, registry).and_then(|doc| pdf::render_pdf(templates, &doc, None)).map(drop));
        }
        for e in results.into_iter().filter_map(Result::err) {
            let d = match e.downcast_ref::<crate::templates::TemplateError>() {
                Some(t) => t.0.clone(),
                None => crate::diag::Diagnostic::error("template-error", tr!("template-error-institution", id = inst.id(), detail = format!("{e:#}"))),
            };
            if !out.iter().any(|x| x.message == d.message && x.file == d.file && x.span == d.span) {
                out.push(d);
            }
        }
    }
    out
}

/// Progress reporting, supplied by the caller (the CLI draws a bar; tests pass `()`).
pub trait Progress: Sync {
    fn start(&self, _total: usize) {}
    fn advance(&self, _label: &str) {}
    fn finish(&self) {}
}

impl Progress for () {}

/// What a successful build did.
#[derive(Debug, Clone)]
pub struct BuildSummary {
    pub institutions: usize,
    /// The institutions not built because their data has errors (their folder names); their
    /// previous output is left as it was.
    pub failed: Vec<String>,
    pub documents: usize,
    pub files: usize,
    pub elapsed: Duration,
}

/// Why a build stopped.
#[derive(Debug)]
pub enum BuildError {
    /// The input has errors (see the diagnostics); nothing was written.
    Invalid,
    /// `--only` named an institution that does not exist; the known ids follow.
    UnknownInstitution { id: String, known: Vec<String> },
}

/// Validates, renders every planned document and swaps the results into the output folder.
/// Internal failures (a template or layout bug, a disk error) are the outer `Err`.
pub fn build(cfg: &BuildConfig, progress: &dyn Progress) -> Result<(Checked, Result<BuildSummary, BuildError>)> {
    let started = Instant::now();
    // `--only X` validates X (and the shared registry and templates) only.
    let checked = check_only(&cfg.check, &cfg.only);
    if let Some(unknown) = cfg.only.iter().find(|id| !checked.found.contains(id)) {
        let error = BuildError::UnknownInstitution { id: unknown.clone(), known: checked.found.clone() };
        return Ok((checked, Err(error)));
    }
    // Every valid institution is built; an invalid one (of this shard) is reported and keeps
    // its old output.
    let failed: Vec<String> =
        checked.failed.iter().map(|d| folder_name(d)).filter(|id| cfg.shard.is_none_or(|s| crate::plan::in_shard(id, s))).collect();
    let Some(catalog) = checked.catalog.as_ref().filter(|c| !c.institutions.is_empty() || failed.is_empty()) else {
        return Ok((checked, Err(BuildError::Invalid)));
    };
    let jobs = plan(catalog, &cfg.only, cfg.shard);
    let (signing, signing_diagnostics) = crate::sign::prepare_all(cfg.signing.as_ref(), catalog, &jobs, cfg.source_date_epoch);
    if signing_diagnostics.iter().any(|d| d.is_error()) {
        let mut checked = checked;
        checked.diagnostics.extend(signing_diagnostics);
        checked.diagnostics = std::mem::take(&mut checked.diagnostics).sorted();
        return Ok((checked, Err(BuildError::Invalid)));
    }
    let templates = match checked.templates.as_ref() {
        Some(t) => t.clone(),
        None => crate::templates::Templates::bundled()?,
    };
    let ctx = RenderContext::with_templates(templates)?;
    let staging = Staging::new(&cfg.out)?;
    progress.start(jobs.len());
    let (mut files, mut documents) = (0, 0);
    // Compile in batches of one document per thread, evicting typst's stale cache entries
    // after each batch from this coordinating thread, so memory stays flat for any number of documents.
    for batch in jobs.chunks(rayon::current_num_threads().max(1)) {
        let results: Vec<Result<(usize, usize)>> = batch
            .par_iter()
            .map(|job| {
                let inst = &catalog.institutions[job.institution];
                let artifacts = render_job(&ctx, catalog, job, cfg.source_date_epoch, signing.get(&job.institution))
                    .with_context(|| format!("building {} of `{}`", job.kind.label(), inst.id()))?;
                let wanted: Vec<&Artifact> = artifacts.iter().filter(|a| cfg.visibility.is_none_or(|v| a.path.starts_with(v.dir()))).collect();
                for a in &wanted {
                    staging.write(inst.id(), a)?;
                }
                progress.advance(inst.id());
                // Every document has exactly one PDF among its forms (the site's copies are not new documents).
                let docs = artifacts.iter().filter(|a| a.path.extension().is_some_and(|e| e == "pdf") && !crate::site::is_copy(&a.path)).count();
                Ok((wanted.len(), docs))
            })
            .collect();
        pdf::evict_caches();
        for r in results {
            let (f, d) = r?;
            files += f;
            documents += d;
        }
    }
    let ids: Vec<String> = crate::plan::institutions(&jobs).into_iter().map(|i| catalog.institutions[i].id().to_string()).collect();
    // A build of one visibility replaces only that folder; a full build replaces the institution's.
    let folders: Vec<std::path::PathBuf> = ids
        .iter()
        .map(|id| match cfg.visibility {
            Some(v) => std::path::Path::new(id).join(v.dir()),
            None => id.into(),
        })
        .collect();
    let mut signing_diagnostics = signing_diagnostics;
    for (id, folder) in ids.iter().zip(&folders) {
        let inst = catalog.institutions.iter().find(|i| i.id() == id).expect("planned institutions exist");
        crate::sign::external::copy_external_signatures(&staging, inst, folder, &mut signing_diagnostics)?;
        if let Some(signer) = &cfg.signing {
            crate::sign::write_manifest(&staging, id, folder, &signer.identity)?;
        }
    }
    staging.commit(&folders)?;
    crate::emit::write_index(&cfg.out)?;
    progress.finish();
    let summary = BuildSummary { institutions: ids.len(), failed, documents, files, elapsed: started.elapsed() };
    let mut checked = checked;
    checked.diagnostics.extend(signing_diagnostics);
    checked.diagnostics = std::mem::take(&mut checked.diagnostics).sorted();
    Ok((checked, Ok(summary)))
}

fn render_job(ctx: &RenderContext, catalog: &Catalog, job: &Job, epoch: Option<i64>, signing: Option<&InstitutionSigning>) -> Result<Vec<Artifact>> {
    let inst = &catalog.institutions[job.institution];
    let registry = &catalog.registry;
    let docs = match job.kind {
        DocumentKind::Regulation => vec![render_regulation(ctx, inst, registry)?],
        DocumentKind::PlatformOrder => vec![render_platform_order(ctx, inst, registry)?],
        DocumentKind::AdminOrder => {
            let order = render_admin_order(ctx, inst, registry)?;
            let mut artifacts = forms_of(&ctx.templates, &order, epoch, signing)?;
            let order_pdf = artifacts.iter().find(|a| a.path.extension().is_some_and(|e| e == "pdf")).expect("every document has a PDF");
            let email = render_registration_email(ctx, inst, registry)?;
            let message = eml::render_eml(&email, &order_pdf.bytes)?;
            artifacts.push(message);
            return Ok(artifacts);
        }
        DocumentKind::RegistrationLetter => vec![render_registration_letter(ctx, inst, registry)?],
        DocumentKind::AdminConsent => vec![render_admin_consent(ctx, inst, registry)?],
        DocumentKind::ChatRules => vec![render_chat_rules(ctx, inst, registry)?],
        DocumentKind::OptOutForm => vec![render_opt_out_form(ctx, inst, registry)?],
        DocumentKind::Acknowledgments => render_acknowledgments(ctx, inst, registry)?,
        DocumentKind::RuntimeConfig => return Ok(vec![json::render_runtime_json(&render_runtime_config(ctx, inst, registry)?)?]),
        DocumentKind::Site => return crate::site::render_site(ctx, inst, registry, epoch),
        DocumentKind::Rosters => return crate::roster::render_rosters(ctx, inst, epoch),
    };
    let mut artifacts = Vec::new();
    // Renderers tie the general Russian typography; the institution's names are tied here,
    // for every document alike (typesetting twice changes nothing).
    for doc in docs {
        artifacts.extend(forms_of(&ctx.templates, &doc, epoch, signing)?);
    }
    Ok(artifacts)
}

/// Every form of a document: PDF (signed, with the mark, when `signing` says so), DOCX to
/// edit, and a web page when it is public.
fn forms_of(templates: &crate::templates::Templates, doc: &Document, epoch: Option<i64>, signing: Option<&InstitutionSigning>) -> Result<Vec<Artifact>> {
    let pdf = match signing.filter(|s| s.signs(&doc.slug)) {
        Some(s) => crate::sign::signed_pdf(templates, doc, epoch, s)?,
        None => pdf::render_pdf(templates, doc, epoch)?,
    };
    let mut out = vec![pdf, docx::render_docx(doc)?];
    if doc.visibility == Visibility::Public {
        out.push(html::render_html(templates, doc)?);
    }
    Ok(out)
}
