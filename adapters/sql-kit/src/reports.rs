//! A report's settling as SQL stores keep it: the action as a small integer.

use chat_domain::entities::ReportAction;
use chat_domain::RepoError;

/// The column value of an action: 1 dismiss, 2 remove_message, 3 ban_user.
pub fn action_code(action: ReportAction) -> i16 {
    match action {
        ReportAction::Dismiss => 1,
        ReportAction::RemoveMessage => 2,
        ReportAction::BanUser => 3,
    }
}

/// The action of a column value.
///
/// # Errors
/// [`RepoError::Corrupt`] for a value no build writes.
pub fn action_of(code: i16) -> Result<ReportAction, RepoError> {
    match code {
        1 => Ok(ReportAction::Dismiss),
        2 => Ok(ReportAction::RemoveMessage),
        3 => Ok(ReportAction::BanUser),
        n => Err(RepoError::Corrupt(format!("report action {n}"))),
    }
}
