//! The black-box suite of protocol v1 against chat-server (a server per check).

mod support;

chat_blackbox::suite!(async {
    let s = support::Server::start().await;
    (chat_blackbox::Target::new(s.url("")), s)
});
