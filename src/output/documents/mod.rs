//! Documents of SPEC 6: case studies, ROI reports and testimonial requests,
//! rendered from Markdown templates with a customer's figures, with consent
//! honoured (see `identity`).

pub mod context;
mod files;
pub mod format;
pub mod identity;
pub mod metrics;
mod roi_view;
pub mod templates;

pub use context::{DocumentContext, build as build_context};
pub use files::file_name;
pub use identity::Identity;
pub use templates::{TemplateError, TemplateSource, Templates, context_value};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DocumentKind {
    CaseStudy,
    RoiReport,
    TestimonialRequest,
}

impl DocumentKind {
    pub const ALL: [DocumentKind; 3] = [
        DocumentKind::CaseStudy,
        DocumentKind::RoiReport,
        DocumentKind::TestimonialRequest,
    ];

    /// `case-study`: the `--kind` value and the file-name prefix.
    pub fn slug(self) -> &'static str {
        match self {
            DocumentKind::CaseStudy => "case-study",
            DocumentKind::RoiReport => "roi-report",
            DocumentKind::TestimonialRequest => "testimonial-request",
        }
    }

    /// File name of the template, built in and in `--templates DIR`.
    pub fn template_file(self) -> &'static str {
        match self {
            DocumentKind::CaseStudy => "CASE_STUDY_TEMPLATE.md",
            DocumentKind::RoiReport => "ROI_REPORT_TEMPLATE.md",
            DocumentKind::TestimonialRequest => "TESTIMONIAL_REQUEST.md",
        }
    }

    pub(crate) fn default_template(self) -> &'static str {
        match self {
            DocumentKind::CaseStudy => {
                include_str!("../../../docs/templates/CASE_STUDY_TEMPLATE.md")
            }
            DocumentKind::RoiReport => {
                include_str!("../../../docs/templates/ROI_REPORT_TEMPLATE.md")
            }
            DocumentKind::TestimonialRequest => {
                include_str!("../../../docs/templates/TESTIMONIAL_REQUEST.md")
            }
        }
    }
}
