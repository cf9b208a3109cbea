//! The names a script can call: the builtins, and the functions the host registered. One
//! table per `Engine`; the compiler resolves names against it, so a host function is
//! checked at compile time like a builtin, and a host name shadows a builtin's.

use std::sync::Arc;

use super::{ALL, BuiltinFn};
use crate::api::HostFn;

/// Builtins and host functions.
#[derive(Clone, Default)]
pub struct Table {
    hosts: Vec<Arc<HostFn>>,
}

/// What a name in the table is.
#[derive(Clone, Copy)]
pub enum Found {
    Native(&'static BuiltinFn),
    /// The host function at this index.
    Host(u32),
}

impl Table {
    /// What `name` calls, a host function before a builtin of the same name.
    pub fn lookup(&self, name: &str) -> Option<Found> {
        if let Some(i) = self.hosts.iter().rposition(|h| &*h.name == name) {
            return Some(Found::Host(i as u32));
        }
        ALL.iter()
            .copied()
            .find(|b| b.name == name)
            .map(Found::Native)
    }

    /// Every name, for suggestions and completion.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        ALL.iter()
            .map(|b| b.name)
            .chain(self.hosts.iter().map(|h| &*h.name))
    }

    /// Adds a host function; one of the same name is replaced.
    pub fn register(&mut self, f: HostFn) {
        self.hosts.retain(|h| h.name != f.name);
        self.hosts.push(Arc::new(f));
    }

    /// The names of the host's functions, in the order registered.
    pub fn host_names(&self) -> impl Iterator<Item = &str> {
        self.hosts.iter().map(|h| &*h.name)
    }

    pub fn host(&self, i: u32) -> &Arc<HostFn> {
        &self.hosts[i as usize]
    }

    /// Whether calling what `found` names makes a coroutine that must be awaited.
    pub fn returns_coroutine(&self, found: Found) -> bool {
        match found {
            Found::Native(b) => super::returns_coroutine(b),
            Found::Host(i) => self.host(i).is_async(),
        }
    }
}
