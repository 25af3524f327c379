use serde::{Deserialize, Serialize};
use utoipa::IntoParams;

/// The query of `POST /api/v1/files`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct UploadQuery {
    /// The file's name, shown with it and sent back on download.
    pub name: Option<String>,
}
