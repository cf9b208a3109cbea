//! Reports: every error and warning as a miette diagnostic with the script's source
//! attached, and the one function that renders them to text.
//!
//! **Invariant:** this is the only place that turns spans into lines and columns, and the
//! library never writes a report anywhere itself: it returns text for the embedder.

use std::fmt;
use std::rc::Rc;
use std::sync::{Arc, OnceLock};

use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, Severity,
    SourceSpan, SpanContents,
};

use crate::rt::Event;
use crate::vm::{Exc, ExcKind, Site, Source, TraceEntry};

/// A diagnostic ready to show: an error or warning with the source it points into.
pub struct Report {
    inner: miette::Report,
    severity: Severity,
    /// A traceback shows each frame's own line only, as Python's does.
    traceback: bool,
}

impl Report {
    pub(crate) fn new(
        diagnostic: impl Diagnostic + Send + Sync + 'static,
        source: &Source,
    ) -> Report {
        let severity = diagnostic.severity().unwrap_or(Severity::Error);
        let named = named_source(source);
        Report {
            inner: miette::Report::new(diagnostic).with_source_code(named),
            severity,
            traceback: false,
        }
    }

    /// Whether it is an error, not a warning.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The stable code, such as `runner::parse::syntax`.
    pub fn code(&self) -> Option<String> {
        self.inner.code().map(|c| c.to_string())
    }

    /// The one-line message.
    pub fn message(&self) -> String {
        self.inner.to_string()
    }

    /// The report as a miette diagnostic, with its source attached.
    pub fn diagnostic(&self) -> &dyn Diagnostic {
        self.inner.as_ref()
    }

    /// The byte offset and length of its first label, if it has one.
    pub(crate) fn first_offset(&self) -> Option<(usize, usize)> {
        let label = self.inner.labels()?.next()?;
        Some((label.offset(), label.len()))
    }

    /// Renders the report: source lines, carets under the spans, help. With `fancy`,
    /// colour and Unicode box drawing; otherwise plain ASCII, the same on every machine.
    pub fn render(&self, fancy: bool) -> String {
        let theme = if fancy {
            GraphicalTheme::unicode()
        } else {
            GraphicalTheme::unicode_nocolor()
        };
        let theme = if fancy { theme } else { ascii_theme() };
        let handler = GraphicalReportHandler::new_themed(theme)
            .with_wrap_lines(false)
            .with_links(false)
            .with_show_related_as_nested(true)
            .with_context_lines(if self.traceback { 0 } else { 1 });
        let mut out = String::new();
        if handler
            .render_report(&mut out, self.inner.as_ref())
            .is_err()
        {
            out = format!("{:?}", self.inner);
        }
        out
    }
}

impl fmt::Debug for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(false))
    }
}

fn ascii_theme() -> GraphicalTheme {
    GraphicalTheme::none()
}

/// The line and column (1-based, the column in characters) of a byte offset in `source`,
/// from the line index every report of the source shares.
pub(crate) fn location(source: &Source, offset: usize, len: usize) -> crate::api::Location {
    let text: &str = &source.text;
    let starts = source.lines.get_or_init(|| line_starts(text));
    let line = starts.partition_point(|&s| s <= offset).saturating_sub(1);
    let start = starts.get(line).copied().unwrap_or(0);
    let offset_in = offset.min(text.len());
    let column = text
        .get(start..offset_in)
        .map_or(offset_in - start, |s| s.chars().count())
        + 1;
    crate::api::Location {
        line: line + 1,
        column,
        offset,
        len,
    }
}

/// A source as miette quotes it.
fn named_source(source: &Source) -> NamedSource<SourceText> {
    NamedSource::new(
        &*source.name,
        SourceText {
            text: source.text.clone(),
            lines: source.lines.clone(),
        },
    )
}

/// Source text shared with the reports that quote it.
#[derive(Clone)]
struct SourceText {
    text: Arc<str>,
    lines: Arc<OnceLock<Box<[usize]>>>,
}

impl SourceText {
    /// miette finds a span's line by scanning the text from its start, which makes
    /// reporting thousands of errors in one file quadratic. This hands it only the text
    /// from the first line it will quote, found in a line index, and shifts the answer
    /// back: each read costs the lines it quotes, not the lines before them.
    fn read<'a>(
        &'a self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<miette::MietteSpanContents<'a>, miette::MietteError> {
        let text: &str = &self.text;
        let starts = self.lines.get_or_init(|| line_starts(text));
        let line = starts
            .partition_point(|&s| s <= span.offset())
            .saturating_sub(1);
        let first = line.saturating_sub(before);
        let base = starts.get(first).copied().unwrap_or(0);
        let shifted = SourceSpan::from((span.offset().saturating_sub(base), span.len()));
        let part =
            miette::SourceCode::read_span(&text.as_bytes()[base..], &shifted, before, after)?;
        Ok(miette::MietteSpanContents::new(
            part.data(),
            SourceSpan::from((part.span().offset() + base, part.span().len())),
            part.line() + first,
            part.column(),
            part.line_count() + first,
        ))
    }
}

/// The offset where each line starts, with miette's idea of a line break: `\n`, `\r\n`
/// or a lone `\r`.
fn line_starts(text: &str) -> Box<[usize]> {
    let bytes = text.as_bytes();
    let mut starts = vec![0];
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\r' if bytes.get(i + 1) == Some(&b'\n') => {
                i += 2;
                starts.push(i);
            }
            b'\r' | b'\n' => {
                i += 1;
                starts.push(i);
            }
            _ => i += 1,
        }
    }
    starts.into_boxed_slice()
}

impl miette::SourceCode for SourceText {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn miette::SpanContents<'a> + 'a>, miette::MietteError> {
        let text: &str = &self.text;
        if let Some(window) = self.clipped(span) {
            return Ok(window);
        }
        if context_lines_before == 0 && context_lines_after == 0 {
            // No context still means whole lines: a traceback shows the line the frame is
            // at, not just the expression.
            let (start, end) = char_bounds(text, span);
            let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
            let line_end = text[end..].find('\n').map_or(text.len(), |i| end + i);
            let whole = SourceSpan::from((line_start, line_end - line_start));
            // The header still names where the span starts.
            let at = self.read(span, 0, 0)?;
            let lines = text[line_start..line_end].matches('\n').count() + 1;
            return Ok(Box::new(miette::MietteSpanContents::new(
                &text.as_bytes()[line_start..line_end],
                whole,
                at.line(),
                at.column(),
                lines,
            )));
        }
        Ok(Box::new(self.read(
            span,
            context_lines_before,
            context_lines_after,
        )?))
    }
}

/// How much of a line a report quotes around its span; longer lines are cut to a window.
const MAX_QUOTED_LINE: usize = 240;

/// A span's start and end in `text`, moved out to character boundaries.
fn char_bounds(text: &str, span: &SourceSpan) -> (usize, usize) {
    let mut start = span.offset().min(text.len());
    let mut end = (span.offset() + span.len()).min(text.len()).max(start);
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    while !text.is_char_boundary(end) {
        end += 1;
    }
    (start, end)
}

/// For a span in a very long line, the part of the line around it (with the span's true
/// line and column), so a report on a minified or generated line stays readable.
impl SourceText {
    fn clipped<'a>(&'a self, span: &SourceSpan) -> Option<Box<dyn miette::SpanContents<'a> + 'a>> {
        let text: &str = &self.text;
        let (start, end) = char_bounds(text, span);
        let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        if line_end - line_start <= MAX_QUOTED_LINE {
            return None;
        }
        let margin = MAX_QUOTED_LINE / 3;
        let mut from = start.saturating_sub(margin).max(line_start);
        let mut to = (end.min(start + margin) + margin).min(line_end);
        while !text.is_char_boundary(from) {
            from -= 1;
        }
        while !text.is_char_boundary(to) {
            to += 1;
        }
        let at = self.read(span, 0, 0).ok()?;
        Some(Box::new(miette::MietteSpanContents::new(
            &text.as_bytes()[from..to],
            SourceSpan::from((from, to - from)),
            at.line(),
            at.column(),
            1,
        )))
    }
}

/// An exception that escaped a task, or one that was never retrieved, with its traceback.
#[derive(Debug)]
struct TaskError {
    headline: String,
    code: &'static str,
    help: Option<String>,
    /// The frames the exception passed through, outermost first; the last is the raise site.
    frames: Vec<FrameNote>,
    severity: Severity,
}

#[derive(Debug)]
struct FrameNote {
    message: String,
    label: String,
    /// None for a note that stands for frames left out.
    span: Option<SourceSpan>,
    /// The text the span is in: a session's frames can come from several (the script,
    /// and each `eval`'d entry).
    source: Option<NamedSource<SourceText>>,
}

impl FrameNote {
    fn at(message: String, label: String, span: crate::syntax::Span, source: &Source) -> FrameNote {
        FrameNote {
            message,
            label,
            span: Some(span.into()),
            source: Some(named_source(source)),
        }
    }
}

impl fmt::Display for TaskError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.headline)
    }
}

impl std::error::Error for TaskError {}

impl fmt::Display for FrameNote {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for FrameNote {}

impl Diagnostic for FrameNote {
    fn severity(&self) -> Option<Severity> {
        Some(Severity::Advice)
    }
    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.source.as_ref().map(|s| s as &dyn miette::SourceCode)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let span = self.span?;
        Some(Box::new(std::iter::once(LabeledSpan::new_with_span(
            Some(self.label.clone()),
            span,
        ))))
    }
}

impl Diagnostic for TaskError {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(self.code))
    }
    fn severity(&self) -> Option<Severity> {
        Some(self.severity)
    }
    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }
    fn related<'a>(&'a self) -> Option<Box<dyn Iterator<Item = &'a dyn Diagnostic> + 'a>> {
        Some(Box::new(self.frames.iter().map(|f| f as &dyn Diagnostic)))
    }
}

/// How many times in a row the same frame is shown before the rest of the run is folded
/// into one line, as Python's traceback does.
const REPEATS_SHOWN: usize = 3;

/// The traceback as frame notes, outermost first (Python's "most recent call last"). A
/// frame repeated more than [`REPEATS_SHOWN`] times in a row (deep recursion) is folded
/// into `[Previous line repeated N more times]`; the frame that raised is always shown.
fn frame_notes(exc: &Exc) -> Vec<FrameNote> {
    let trace: Vec<TraceEntry> = exc.traceback.borrow().clone();
    let same = |a: &TraceEntry, b: &TraceEntry| {
        std::rc::Rc::ptr_eq(&a.code, &b.code) && a.span == b.span && a.task == b.task
    };
    let mut notes = Vec::new();
    let mut run = 0;
    let mut folded = 0;
    let mut previous: Option<&TraceEntry> = None;
    for (i, entry) in trace.iter().enumerate().rev() {
        run = match previous {
            Some(p) if i != 0 && same(p, entry) => run + 1,
            _ => 1,
        };
        if run > REPEATS_SHOWN {
            folded += 1;
            previous = Some(entry);
            continue;
        }
        if folded > 0 {
            notes.push(folded_note(folded));
            folded = 0;
        }
        previous = Some(entry);
        let where_ = if entry.code.kind == crate::vm::CodeKind::Main {
            format!("in the main body, task '{}'", entry.task)
        } else {
            format!("in `{}`, task '{}'", entry.code.name, entry.task)
        };
        let label = if i == 0 {
            format!("{} raised here", exc.kind)
        } else {
            "called here".to_owned()
        };
        notes.push(FrameNote::at(where_, label, entry.span, &entry.code.source));
    }
    if folded > 0 {
        notes.push(folded_note(folded));
    }
    notes
}

fn folded_note(n: usize) -> FrameNote {
    let times = if n == 1 { "time" } else { "times" };
    FrameNote {
        message: format!("[Previous line repeated {n} more {times}]"),
        label: String::new(),
        span: None,
        source: None,
    }
}

fn headline(exc: &Exc) -> String {
    let text = exc.text();
    if text.is_empty() {
        exc.kind.to_string()
    } else {
        format!("{}: {text}", exc.kind)
    }
}

fn help_for(exc: &Exc) -> Option<String> {
    if let Some(help) = &exc.help {
        return Some(help.to_string());
    }
    Some(match exc.kind {
        ExcKind::RecursionError => {
            "a function or task calls itself without end; check its base case".to_owned()
        }
        ExcKind::TimeoutError => {
            "the awaited work did not finish in time; raise the timeout or catch TimeoutError"
                .to_owned()
        }
        ExcKind::CancelledError => "the task was cancelled while it waited".to_owned(),
        _ => return None,
    })
}

impl Report {
    fn into_traceback(mut self) -> Report {
        self.traceback = true;
        self
    }
}

/// The report of an exception that escaped the main task.
pub(crate) fn uncaught(exc: &Exc, source: &Source) -> Report {
    let diagnostic = TaskError {
        headline: headline(exc),
        code: "runner::uncaught",
        help: help_for(exc),
        frames: frame_notes(exc),
        severity: Severity::Error,
    };
    Report::new(diagnostic, source).into_traceback()
}

/// The report of a runtime event: a coroutine never awaited, a task exception never
/// retrieved.
pub(crate) fn event(event: &Event) -> Report {
    match event {
        Event::NeverAwaited { name, origin } => {
            let diagnostic = TaskError {
                headline: format!("coroutine '{name}' was never awaited"),
                code: "runner::never_awaited",
                help: Some(format!(
                    "`await {name}(...)` runs it here; `spawn {name}(...)` runs it as its own task"
                )),
                frames: vec![FrameNote::at(
                    "the coroutine was created here and dropped".to_owned(),
                    "created here".to_owned(),
                    origin.span(),
                    &origin.code.source,
                )],
                severity: Severity::Warning,
            };
            Report::new(diagnostic, &origin.code.source).into_traceback()
        }
        Event::NeverRetrieved {
            task,
            exc,
            spawned_at,
        } => {
            let mut frames = Vec::new();
            if let Some(site) = spawned_at {
                frames.push(spawn_note(task, site));
            }
            frames.extend(frame_notes(exc));
            let diagnostic = TaskError {
                headline: format!(
                    "Task exception was never retrieved: task '{task}' failed with {}",
                    headline(exc)
                ),
                code: "runner::never_retrieved",
                help: Some(
                    "await the task, or call t.result() or t.exception(), to handle its exception"
                        .to_owned(),
                ),
                frames,
                severity: Severity::Error,
            };
            // The report's own source is the one its first frame is in.
            let home = spawned_at
                .as_ref()
                .map(|s| s.code.source.clone())
                .or_else(|| {
                    exc.traceback
                        .borrow()
                        .first()
                        .map(|e| e.code.source.clone())
                });
            let home = home.unwrap_or_else(|| std::sync::Arc::new(Source::new("<host>", "")));
            Report::new(diagnostic, &home).into_traceback()
        }
    }
}

fn spawn_note(task: &Rc<str>, site: &Site) -> FrameNote {
    FrameNote::at(
        format!("task '{task}' was spawned here"),
        "spawned here".to_owned(),
        site.span(),
        &site.code.source,
    )
}

/// A run that cannot go on: the tasks left wait on each other. Each comes with the place
/// it is waiting at.
pub(crate) fn deadlock(tasks: &[(String, Option<Site>)], source: &Source) -> Report {
    let frames = tasks
        .iter()
        .filter_map(|(name, site)| {
            site.as_ref().map(|s| {
                FrameNote::at(
                    format!("task '{name}' waits forever"),
                    "waiting here".to_owned(),
                    s.span(),
                    &s.code.source,
                )
            })
        })
        .collect();
    let names: Vec<&str> = tasks.iter().map(|(n, _)| n.as_str()).collect();
    let diagnostic = TaskError {
        headline: format!(
            "deadlock: no task can ever run again ({} waiting: {})",
            names.len(),
            names.join(", ")
        ),
        code: "runner::deadlock",
        help: Some("these tasks wait on each other (or on something nothing will complete); asyncio would hang here".to_owned()),
        frames,
        severity: Severity::Error,
    };
    Report::new(diagnostic, source)
}
