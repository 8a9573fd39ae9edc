//! The only place where stages meet: discover → load/validate → plan → render (bundles) → export → emit.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use rayon::prelude::*;

use crate::export::{self, pdf};
use crate::config::{BuildConfig, CheckConfig};
use crate::diag::Diagnostics;
use crate::discover::discover;
use crate::emit::Staging;
use crate::load::SourceMap;
use crate::index::BuildRecord;
use crate::model::{Catalog, Institution};
use crate::plan::{plan, DocumentKind};
use crate::render::{
    render_acknowledgments, render_admin_consent, render_admin_order, render_chat_rules, render_opt_out_form, render_platform_order, render_registration_email,
    render_registration_letter, render_regulation, Bundle, RenderContext,
};
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
    /// The institution folders checked (after `only`) and their files, so that a build can
    /// read the ones it builds again, a chunk at a time.
    pub folders: Vec<crate::discover::InstitutionDir>,
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
    let catalog = validate(&found, cfg.draft, cfg.clock.today, &mut sources, &mut diagnostics);
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
    let valid: std::collections::HashSet<&Path> = catalog.iter().flat_map(|c| c.institutions.iter().map(|i| i.dir.as_path())).collect();
    let failed: Vec<PathBuf> = dirs
        .iter()
        .filter(|dir| !valid.contains(**dir))
        .map(|dir| dir.to_path_buf())
        .collect();
    let templates = templates.filter(|_| !global);
    Checked { catalog: catalog.filter(|_| !global), failed, found: names, folders: found.institutions, diagnostics: diagnostics.sorted(), sources, templates }
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
            crate::site::render(&ctx, inst, registry).map(drop),
        ];
        let mut results = results;
        // An overlaid layout is compiled too: its errors are template errors at its line.
        if templates.overlay_path("layout/gost.typ").is_some() {
            results.push(render_regulation(&ctx, inst, registry).and_then(|doc| pdf::render_pdf(&export::Options { templates, clock: crate::config::Clock::system() }, &doc)).map(drop));
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
    /// The number of documents to export; called again with a larger total as more
    /// institutions are rendered. `advance` is called once per exported document.
    fn start(&self, _total: usize) {}
    fn advance(&self, _label: &str) {}
    fn finish(&self) {}
}

impl Progress for () {}

/// How many institutions are rendered into bundles at a time (their exports then go kind by kind).
const BUNDLE_CHUNK: usize = 64;

/// What a successful build did.
#[derive(Debug, Clone)]
pub struct BuildSummary {
    /// The institutions built by this run.
    pub institutions: usize,
    /// The institutions skipped because their outputs are up to date.
    pub unchanged: usize,
    /// The institutions not built because their data has errors (their folder names); their
    /// previous output is left as it was.
    pub failed: Vec<String>,
    /// The documents exported (each has one PDF): the sum over the bundles, as the progress bar counts.
    pub documents: usize,
    pub files: usize,
    /// The PDFs compiled, by visibility (a build of public files compiles nothing restricted).
    pub compiles: export::Compiles,
    /// Each valid institution's full name, by id (built, kept or outside `--only`/the shard):
    /// the build consumes the checked models, so `serve` lists the sites from here.
    pub names: BTreeMap<String, String>,
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
/// Internal failures (a template or layout bug, a disk error) are the outer `Err`. A build that
/// gets as far as exporting consumes the checked models (it reads them again a chunk at a time),
/// so its `Checked` comes back without a catalog; [`BuildSummary::names`] lists the institutions.
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
    let ctx = RenderContext::with_templates(match checked.templates.as_ref() {
        Some(t) => t.clone(),
        None => crate::templates::Templates::bundled()?,
    })?;
    // The output folder's lock is taken before its index is read.
    let staging = Staging::new(&cfg.out)?;
    let mut jobs = plan(catalog, &cfg.only, cfg.shard);
    // An institution whose inputs, templates, registry entries, fonts, tool and settings are
    // those its outputs were built from is skipped, its outputs kept (unless `--force`).
    let run = crate::plan::digest::RunDigest::of(cfg);
    let digest = |inst: &Institution, uses: &BTreeSet<String>| crate::plan::digest::institution(&run, inst, &catalog.registry, &ctx.templates, uses);
    let previous = if cfg.force { None } else { crate::index::Index::previous(&cfg.out) };
    let unchanged = crate::plan::unchanged(catalog, &crate::plan::institutions(&jobs), previous.as_ref(), &cfg.out, &digest)?;
    jobs.retain(|job| !unchanged.contains(&job.institution));
    let (signing, signing_diagnostics) = crate::sign::prepare_all(cfg.signing.as_ref(), catalog, &jobs, &cfg.check.clock);
    if signing_diagnostics.iter().any(|d| d.is_error()) {
        let mut checked = checked;
        checked.diagnostics.extend(signing_diagnostics);
        checked.diagnostics = std::mem::take(&mut checked.diagnostics).sorted();
        return Ok((checked, Err(BuildError::Invalid)));
    }
    let opts = export::Options { templates: &ctx.templates, clock: cfg.check.clock };
    let mut kinds: BTreeMap<usize, Vec<DocumentKind>> = BTreeMap::new();
    for job in &jobs {
        kinds.entry(job.institution).or_default().push(job.kind);
    }
    let built: Vec<usize> = kinds.keys().copied().collect();
    let ids: Vec<String> = built.iter().map(|&i| catalog.institutions[i].id().to_string()).collect();
    let names: BTreeMap<String, String> = catalog.institutions.iter().map(|i| (i.id().to_string(), i.info.name.full.nom.clone())).collect();
    // From here on the models are read again a chunk at a time (`validate::reload`) and dropped
    // after their chunk: a region's models are never all in memory at once.
    let mut checked = checked;
    let Some(Catalog { registry, institutions }) = checked.catalog.take() else { unreachable!("checked above") };
    let found: std::collections::HashMap<&Path, &crate::discover::InstitutionDir> = checked.folders.iter().map(|f| (f.dir.as_path(), f)).collect();
    let folders: Vec<&crate::discover::InstitutionDir> = institutions.iter().map(|inst| found[inst.dir.as_path()]).collect();
    drop(institutions);
    crate::emit::pause_for_tests("checked");
    // A build of one visibility replaces only that folder; a full build replaces the institution's.
    let folder_of = |id: &str| -> PathBuf {
        match cfg.visibility {
            Some(v) => Path::new(id).join(v.dir()),
            None => id.into(),
        }
    };
    let mut done = Exports::default();
    let mut records = BTreeMap::new();
    let mut signing_diagnostics = signing_diagnostics;
    // Institutions are read and rendered a chunk at a time into bundles (data), then the chunk
    // is exported kind by kind; memory holds one chunk's models and bundles.
    for chunk in built.chunks(BUNDLE_CHUNK) {
        let models: Vec<(usize, Institution)> = chunk
            .par_iter()
            .map(|&i| {
                let model = crate::validate::reload(folders[i], cfg.check.draft, cfg.check.clock.today, &registry)
                    .ok_or_else(|| anyhow::anyhow!(tr!("build-changed-meanwhile", folder = folders[i].dir)))?;
                Ok((i, model))
            })
            .collect::<Result<_>>()?;
        let bundles: Vec<(usize, Bundle)> = models
            .par_iter()
            .map(|(i, inst)| {
                let (bundle, read) = crate::templates::recording(|| crate::render::institution(&ctx, inst, &registry, &kinds[i], cfg.visibility));
                done.uses.lock().expect("no job panicked").entry(*i).or_default().extend(read);
                Ok((*i, bundle?))
            })
            .collect::<Result<_>>()?;
        done.total += bundles.iter().map(|(_, b)| b.documents()).sum::<usize>();
        progress.start(done.total);
        export_chunk(&opts, &bundles, &signing, cfg.visibility, &staging, progress, &mut done)?;
        drop(bundles);
        let mut uses = done.uses.lock().expect("no job panicked");
        for (i, inst) in &models {
            let templates = uses.remove(i).unwrap_or_default();
            let id = inst.id();
            records.insert(id.to_string(), BuildRecord { digest: crate::plan::digest::institution(&run, inst, &registry, &ctx.templates, &templates)?, templates });
            let folder = folder_of(id);
            crate::sign::external::copy_external_signatures(&staging, inst, &folder, &mut signing_diagnostics)?;
            if let Some(signer) = &cfg.signing {
                crate::sign::write_manifest(&staging, id, &folder, &signer.identity)?;
            }
        }
    }
    let Exports { files, documents, compiles, .. } = done;
    let folders: Vec<PathBuf> = ids.iter().map(|id| folder_of(id)).collect();
    // Nothing rebuilt: the output folder and its index stay as they are (an index is written
    // where there was none, e.g. for a shard without institutions).
    if !folders.is_empty() || previous.is_none() {
        staging.commit(&folders, &records)?;
    }
    progress.finish();
    let summary = BuildSummary { institutions: ids.len(), unchanged: unchanged.len(), failed, documents, files, compiles, names, elapsed: started.elapsed() };
    checked.diagnostics.extend(signing_diagnostics);
    checked.diagnostics = std::mem::take(&mut checked.diagnostics).sorted();
    Ok((checked, Ok(summary)))
}

/// What the export stage did so far: files staged, documents exported (and the total the
/// rendered bundles announce), PDFs compiled.
#[derive(Default)]
struct Exports {
    files: usize,
    documents: usize,
    total: usize,
    compiles: export::Compiles,
    /// The templates each institution's rendering and export read (for its digest), by
    /// catalog index.
    uses: Mutex<BTreeMap<usize, BTreeSet<String>>>,
}

/// Exports a chunk of bundles (with their catalog indices) kind by kind into `staging`, one
/// part per thread at a time, so the documents of one kind follow each other on each thread
/// and typst reuses its memoised layout across institutions; typst's stale cache entries are
/// evicted after each batch from this coordinating thread, so memory stays flat for any
/// number of documents.
fn export_chunk(
    opts: &export::Options,
    bundles: &[(usize, Bundle)],
    signing: &std::collections::BTreeMap<usize, crate::sign::InstitutionSigning>,
    visibility: Option<crate::document::Visibility>,
    staging: &Staging,
    progress: &dyn Progress,
    done: &mut Exports,
) -> Result<()> {
    let mut copies: Vec<export::Copies> = bundles.iter().map(|_| export::Copies::default()).collect();
    for kind in DocumentKind::ALL {
        let mut work: Vec<(usize, &Bundle, &crate::render::Part, &mut export::Copies)> = bundles
            .iter()
            .zip(copies.iter_mut())
            .filter_map(|((i, b), c)| b.parts.iter().find(|p| p.kind == kind).map(|p| (*i, b, p, c)))
            .collect();
        for batch in work.chunks_mut(rayon::current_num_threads().max(1)) {
            let results: Vec<Result<(usize, usize, export::Compiles)>> = batch
                .par_iter_mut()
                .map(|(i, bundle, part, copies)| {
                    let (exported, read) = crate::templates::recording(|| export::part(opts, &part.content, signing.get(i), copies));
                    done.uses.lock().expect("no job panicked").entry(*i).or_default().extend(read);
                    let exported = exported.with_context(|| format!("building {} of `{}`", part.kind.label(), bundle.id))?;
                    for a in &exported.artifacts {
                        if visibility.is_some_and(|v| crate::layout::visibility_of(&a.path) != Some(v)) {
                            anyhow::bail!("{} of `{}` made `{}`, outside the build's visibility", part.kind.label(), bundle.id, a.path.display());
                        }
                        staging.write(&bundle.id, a)?;
                    }
                    let docs = part.content.documents();
                    for _ in 0..docs {
                        progress.advance(&bundle.id);
                    }
                    Ok((exported.artifacts.len(), docs, exported.compiles))
                })
                .collect();
            pdf::evict_caches();
            for r in results {
                let (files, documents, compiles) = r?;
                done.files += files;
                done.documents += documents;
                done.compiles.add(compiles);
            }
        }
    }
    Ok(())
}
