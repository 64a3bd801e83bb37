//! Splitting a procedure name into plain and matched parts for `<mark>`.

use dvc_core::api::TextRange;

/// A run of a name's text; `matched` runs are wrapped in `<mark>`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Segment {
    pub text: String,
    pub matched: bool,
}

/// Splits `name` by the server's matched character ranges.
///
/// Ranges count Unicode scalar values. They come from the server, so empty,
/// reversed and out-of-bounds ranges are dropped or clamped, and overlapping
/// ones merged. The segments always join back to `name`.
pub fn segments(name: &str, ranges: &[TextRange]) -> Vec<Segment> {
    let chars: Vec<char> = name.chars().collect();
    let length = chars.len();

    let mut ranges: Vec<(usize, usize)> = ranges
        .iter()
        .map(|range| {
            let start = usize::try_from(range.start)
                .unwrap_or(usize::MAX)
                .min(length);
            let end = usize::try_from(range.end).unwrap_or(usize::MAX).min(length);
            (start, end)
        })
        .filter(|(start, end)| start < end)
        .collect();
    ranges.sort_unstable();

    let mut merged: Vec<(usize, usize)> = Vec::with_capacity(ranges.len());
    for (start, end) in ranges {
        match merged.last_mut() {
            Some(last) if start <= last.1 => last.1 = last.1.max(end),
            _ => merged.push((start, end)),
        }
    }

    let mut segments = Vec::with_capacity(merged.len() * 2 + 1);
    let mut position = 0;
    let mut push = |from: usize, to: usize, matched: bool| {
        if from < to {
            segments.push(Segment {
                text: chars[from..to].iter().collect(),
                matched,
            });
        }
    };
    for (start, end) in merged {
        push(position, start, false);
        push(start, end, true);
        position = end;
    }
    push(position, length, false);

    segments
}

#[cfg(test)]
mod tests {
    use super::*;

    fn range(start: u32, end: u32) -> TextRange {
        TextRange { start, end }
    }

    fn render(segments: &[Segment]) -> String {
        segments
            .iter()
            .map(|segment| {
                if segment.matched {
                    format!("[{}]", segment.text)
                } else {
                    segment.text.clone()
                }
            })
            .collect()
    }

    #[test]
    fn ranges_count_characters_not_bytes() {
        let name = "Thủ tục đăng ký khai sinh";
        let marked = segments(name, &[range(8, 12), range(13, 15)]);
        assert_eq!(render(&marked), "Thủ tục [đăng] [ký] khai sinh");
    }

    #[test]
    fn no_ranges_is_one_plain_segment() {
        assert_eq!(
            segments("Hộ tịch", &[]),
            vec![Segment {
                text: "Hộ tịch".into(),
                matched: false
            }]
        );
    }

    #[test]
    fn overlapping_and_unsorted_ranges_merge() {
        let marked = segments("abcdefgh", &[range(4, 6), range(1, 3), range(2, 5)]);
        assert_eq!(render(&marked), "a[bcdef]gh");
    }

    #[test]
    fn bad_ranges_are_dropped_or_clamped() {
        let marked = segments(
            "abc",
            &[range(2, 1), range(1, 1), range(2, 99), range(50, 60)],
        );
        assert_eq!(render(&marked), "ab[c]");
    }

    #[test]
    fn empty_name_has_no_segments() {
        assert!(segments("", &[range(0, 3)]).is_empty());
    }
}
