fn main() {
    let path = std::env::args().nth(1).unwrap();
    let src = std::fs::read_to_string(&path).unwrap();
    match runner::syntax::parse(&src) {
        Ok(s) => println!("{:#?}", s),
        Err(errs) => for e in errs { eprintln!("{:?}", miette::Report::new(e).with_source_code(src.clone())); }
    }
}
