//! Use cases for the admin role.

mod ban_user;
mod bots;
mod list_users;
mod remove_message;
mod reports;
mod stats;

pub use bots::CreateBot;
pub use reports::{ReportView, MAX_REPORTS};

use crate::{Actor, AppError};

fn ensure_admin(actor: &Actor) -> Result<(), AppError> {
    if !actor.user.is_admin() {
        return Err(AppError::Forbidden("admins only".into()));
    }
    Ok(())
}
