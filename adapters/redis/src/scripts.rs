//! The Lua scripts, embedded; each runs atomically on Redis, which is what makes
//! presence transitions and rate limits exact across nodes.

use std::sync::LazyLock;

use fred::types::scripts::Script;
use fred::types::{FromValue, MultipleKeys, MultipleValues};

use chat_domain::RepoError;

use crate::breaker::Conn;
use crate::error::map;

macro_rules! script {
    ($name:ident, $file:literal) => {
        pub(crate) static $name: LazyLock<Script> =
            LazyLock::new(|| Script::from_lua(include_str!(concat!("../lua/", $file))));
    };
}

script!(PRESENCE_TOUCH, "presence_touch.lua");
script!(PRESENCE_DISCONNECT, "presence_disconnect.lua");
script!(PRESENCE_EXPIRE, "presence_expire.lua");
script!(PRESENCE_GET, "presence_get.lua");
script!(RATE_LIMIT, "rate_limit.lua");
script!(PUBLISH, "publish.lua");

/// Runs `script` (loading it first if Redis does not have it), failing at once when the
/// client is not connected or Redis has stopped answering, and within the call budget
/// (see [`Conn::call`]).
pub(crate) async fn run<R, K, V>(
    script: &Script,
    client: &Conn,
    keys: K,
    args: V,
) -> Result<R, RepoError>
where
    R: FromValue,
    K: Into<MultipleKeys> + Send,
    V: TryInto<MultipleValues> + Send,
    V::Error: Into<fred::error::Error> + Send,
{
    client
        .call(async {
            script
                .evalsha_with_reload(client, keys, args)
                .await
                .map_err(map)
        })
        .await
}
