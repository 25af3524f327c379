//! Value objects. Each is built by a constructor that rejects bad input, so code that
//! holds one can rely on it being valid ("parse, don't validate").

mod challenge_answer;
mod client_msg_id;
mod digest;
mod display_name;
mod emoji;
mod host_identity;
mod message_body;
mod page;
mod password;
mod report_reason;
mod search_query;
mod seq;
mod session_token;
mod shown_text;
mod strand;
mod title;
mod user_agent;
mod username;

pub use challenge_answer::ChallengeAnswer;
pub use client_msg_id::ClientMsgId;
pub use digest::Sha256Digest;
pub use display_name::DisplayName;
pub use emoji::Emoji;
pub use host_identity::HostIdentity;
pub use message_body::MessageBody;
pub use page::{Limit, PageQuery, SyncLimit};
pub use password::{Password, PasswordHash};
pub use report_reason::ReportReason;
pub use search_query::{SearchCursor, SearchPage, SearchQuery};
pub use seq::Seq;
pub use session_token::{SessionToken, TokenHash};
pub use strand::{Strand, StrandQuery};
pub use title::Title;
pub use user_agent::UserAgent;
pub use username::Username;
