//! Markdown → a JSON tree the Typst layout walks. The text stays data: Typst never parses it.

use pulldown_cmark::{Event, HeadingLevel, Tag};
use serde_json::{json, Value};

/// Block nodes: `{"k": "heading"|"par"|"list"|"quote"|"table", …}`; inline nodes are strings
/// or `{"k": "strong"|"emph"|"strike"|"link"|"url"|"br", …}`, where `url` is an address in
/// the text that the layout keeps on one line.
pub fn markdown_tree(markdown: &str) -> Value {
    let events = crate::export::markdown::events(markdown);
    let mut iter = events.into_iter();
    Value::Array(children(&mut iter))
}

fn children<'a>(events: &mut impl Iterator<Item = Event<'a>>) -> Vec<Value> {
    let mut out = Vec::new();
    while let Some(event) = events.next() {
        match event {
            Event::Start(tag) => {
                let c = children(events);
                out.push(node(tag, c));
            }
            Event::End(_) => break,
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => push_text(&mut out, &t),
            Event::SoftBreak => push_text(&mut out, " "),
            Event::HardBreak => out.push(json!({"k": "br"})),
            Event::Rule => out.push(json!({"k": "par", "c": ["* * *"]})),
            _ => {}
        }
    }
    out.into_iter().flat_map(mark_addresses).collect()
}

/// A text node cut at the addresses in it, each address a `url` node; other nodes as they are.
fn mark_addresses(node: Value) -> Vec<Value> {
    let Value::String(text) = &node else { return vec![node] };
    crate::export::urls::split_addresses(text)
        .into_iter()
        .map(|(piece, address)| if address { json!({"k": "url", "c": [piece]}) } else { json!(piece) })
        .collect()
}

/// Appends text, merging it with a preceding text node (the parser splits text at escapes).
fn push_text(out: &mut Vec<Value>, text: &str) {
    if let Some(Value::String(last)) = out.last_mut() {
        last.push_str(text);
    } else {
        out.push(Value::String(text.to_string()));
    }
}

fn node(tag: Tag, c: Vec<Value>) -> Value {
    match tag {
        Tag::Heading { level, .. } => json!({"k": "heading", "level": heading_level(level), "c": c}),
        Tag::Paragraph => json!({"k": "par", "c": c}),
        Tag::List(start) => json!({"k": "list", "ordered": start.is_some(), "start": start.unwrap_or(1), "items": c}),
        Tag::Item => json!({"k": "item", "c": c}),
        Tag::Emphasis => json!({"k": "emph", "c": c}),
        Tag::Strong => json!({"k": "strong", "c": c}),
        Tag::Strikethrough => json!({"k": "strike", "c": c}),
        Tag::Link { dest_url, .. } => json!({"k": "link", "url": dest_url.into_string(), "c": c}),
        Tag::BlockQuote(_) => json!({"k": "quote", "c": c}),
        Tag::Table(_) => json!({"k": "table", "rows": c}),
        Tag::TableHead | Tag::TableRow => json!({"k": "row", "cells": c}),
        Tag::TableCell => json!({"k": "cell", "c": c}),
        _ => json!({"k": "par", "c": c}),
    }
}

fn heading_level(l: HeadingLevel) -> u8 {
    match l {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_blocks_and_inlines() {
        let t = markdown_tree("## 1. Общие\n\n1.1. Текст *курсив* и **жирный**:\n\n- один;\n- два.\n");
        assert_eq!(t[0], json!({"k": "heading", "level": 2, "c": ["1. Общие"]}));
        assert_eq!(t[1]["c"][1], json!({"k": "emph", "c": ["курсив"]}));
        assert_eq!(t[2]["k"], "list");
        assert_eq!(t[2]["items"][1], json!({"k": "item", "c": ["два."]}));
    }

    #[test]
    fn addresses_are_nodes_of_their_own() {
        let t = markdown_tree("Сайт: https\\://bpt\\-balv\\.ru/, почта info@sferum\\.ru\\.");
        assert_eq!(
            t[0]["c"],
            json!(["Сайт: ", {"k": "url", "c": ["https://bpt-balv.ru/"]}, ", почта ", {"k": "url", "c": ["info@sferum.ru"]}, "."])
        );
    }

    #[test]
    fn typst_markup_is_plain_text() {
        let t = markdown_tree("#panic(\"x\") $x$ \\[a\\]");
        assert_eq!(t[0]["c"][0], json!("#panic(\"x\") $x$ [a]"));
    }
}
