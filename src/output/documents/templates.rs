//! The document templates: the defaults built into the binary, or files of
//! the same name in `--templates DIR`. Rendering is strict: a variable the
//! context does not have is an error naming the template's path and line.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use minijinja::{Environment, UndefinedBehavior, syntax::SyntaxConfig};

use super::DocumentKind;
use super::context::DocumentContext;

#[derive(Debug, thiserror::Error)]
pub enum TemplateError {
    /// Bad syntax, an unknown variable or filter, a failed expression.
    #[error("{path}:{line}: {message}")]
    Template {
        path: String,
        line: usize,
        message: String,
    },
    #[error("{path}: cannot read template: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: the templates folder does not exist or is not a folder")]
    NotAFolder { path: PathBuf },
}

/// Where a document's template came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TemplateSource {
    BuiltIn,
    File(PathBuf),
}

pub struct Templates {
    env: Environment<'static>,
    /// Template name (its path) and origin for each kind.
    names: BTreeMap<DocumentKind, (String, TemplateSource)>,
}

impl Templates {
    /// The built-in templates, each replaced by `DIR/<file name>` when that
    /// file exists. Every template is parsed here, so a syntax error stops the
    /// run before any document is written.
    pub fn load(overrides: Option<&Path>) -> Result<Templates, TemplateError> {
        if let Some(dir) = overrides.filter(|d| !d.is_dir()) {
            return Err(TemplateError::NotAFolder {
                path: dir.to_path_buf(),
            });
        }
        let mut env = Environment::new();
        env.set_undefined_behavior(UndefinedBehavior::Strict);
        let syntax = SyntaxConfig::builder()
            .trim_blocks(true)
            .lstrip_blocks(true)
            .keep_trailing_newline(true)
            .build()
            .expect("default delimiters are valid");
        env.set_syntax(syntax);
        let mut names = BTreeMap::new();
        for kind in DocumentKind::ALL {
            let file = overrides
                .map(|dir| dir.join(kind.template_file()))
                .filter(|p| p.is_file());
            let (name, source, origin) = match file {
                Some(path) => {
                    let text =
                        std::fs::read_to_string(&path).map_err(|source| TemplateError::Io {
                            path: path.clone(),
                            source,
                        })?;
                    (path.display().to_string(), text, TemplateSource::File(path))
                }
                None => (
                    format!("docs/templates/{}", kind.template_file()),
                    kind.default_template().to_string(),
                    TemplateSource::BuiltIn,
                ),
            };
            env.add_template_owned(name.clone(), source)
                .map_err(|e| template_error(&name, &e))?;
            names.insert(kind, (name, origin));
        }
        Ok(Templates { env, names })
    }

    pub fn source(&self, kind: DocumentKind) -> &TemplateSource {
        &self.names[&kind].1
    }

    pub fn render(
        &self,
        kind: DocumentKind,
        context: &DocumentContext,
    ) -> Result<String, TemplateError> {
        self.render_value(kind, &context_value(context))
    }

    /// Render from a context already converted with [`context_value`], so
    /// several kinds for one customer convert it once.
    pub fn render_value(
        &self,
        kind: DocumentKind,
        context: &minijinja::Value,
    ) -> Result<String, TemplateError> {
        let name = &self.names[&kind].0;
        let template = self
            .env
            .get_template(name)
            .map_err(|e| template_error(name, &e))?;
        template
            .render(context)
            .map_err(|e| template_error(name, &e))
    }
}

/// The template engine's view of a context.
pub fn context_value(context: &DocumentContext) -> minijinja::Value {
    minijinja::Value::from(minijinja::value::Serde(context))
}

/// minijinja names the template and line of an error; keep both in front,
/// like a compiler, and the kind and detail after.
fn template_error(name: &str, e: &minijinja::Error) -> TemplateError {
    let mut message = e.kind().to_string();
    if let Some(detail) = e.detail() {
        message = format!("{message}: {detail}");
    }
    TemplateError::Template {
        path: e.name().unwrap_or(name).to_string(),
        line: e.line().unwrap_or(0),
        message,
    }
}
