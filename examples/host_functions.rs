//! A host extends runner with its own functions, one sync and one async, which a script
//! calls from several tasks at once; then the host reads a global back and calls one of
//! the script's functions.
//!
//! ```sh
//! cargo run --example host_functions
//! ```

use std::collections::BTreeMap;
use std::time::Duration;

use runner::{Engine, Error, ExcKind, IntoValue, Value};

const SCRIPT: &str = r#"
let seen = []
let total = 0

task check(user) {
    let profile = await lookup(user)          # the host's async function
    seen.append(profile["name"])
    total += profile["score"]
    return greet(profile["name"])              # the host's sync function
}

fn summary(title) {
    return f"{title}: {len(seen)} users, {total} points, {sorted(seen)}"
}

let greetings = await gather(check("ada"), check("brian"), check("cy"))
for g in greetings { print(g) }
try {
    await lookup("nobody")
} catch KeyError as e {
    print("no such user:", e.message)
}
"#;

fn main() -> Result<(), Error> {
    let mut engine = Engine::new();
    engine.register_fn("greet", |args| {
        let name: String = args.get(0)?;
        Ok(format!("hello, {name}"))
    });
    engine.register_async_fn("lookup", |args| async move {
        let user: String = args.get(0)?;
        // Real waiting: the script's other tasks run meanwhile.
        async_io::Timer::after(Duration::from_millis(10 * user.len() as u64)).await;
        if user == "nobody" {
            return Err(Error::exception(ExcKind::KeyError, user));
        }
        let mut profile: BTreeMap<String, Value> = BTreeMap::new();
        profile.insert("score".to_owned(), (user.len() as i64 * 10).into_value());
        profile.insert("name".to_owned(), user.to_uppercase().into_value());
        Ok(profile)
    });

    let script = engine.compile("host_functions.tasks", SCRIPT)?;
    let mut session = engine.session(&script);
    session.run_blocking()?;

    let total: i64 = session.get("total")?;
    println!("the host reads total = {total}");
    let summary = session.call_blocking("summary", ("users",))?;
    println!("the host calls summary(): {summary}");
    session.close()
}
