//! Character and word error rates of a text against its ground truth, as used to measure OCR and
//! repair. Texts are compared with whitespace runs collapsed to one space, since OCR re-wraps
//! lines; distances are Levenshtein distances over characters and over words.

/// Edit counts of a hypothesis against the truth.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ErrorCounts {
    pub char_errors: usize,
    pub chars: usize,
    pub word_errors: usize,
    pub words: usize,
}

impl ErrorCounts {
    /// Character error rate, 0–1 (may exceed 1 for a hypothesis much longer than the truth).
    pub fn cer(&self) -> f64 {
        self.char_errors as f64 / self.chars.max(1) as f64
    }

    /// Word error rate, 0–1.
    pub fn wer(&self) -> f64 {
        self.word_errors as f64 / self.words.max(1) as f64
    }
}

impl std::ops::AddAssign for ErrorCounts {
    fn add_assign(&mut self, other: ErrorCounts) {
        self.char_errors += other.char_errors;
        self.chars += other.chars;
        self.word_errors += other.word_errors;
        self.words += other.words;
    }
}

fn levenshtein<T: PartialEq>(a: &[T], b: &[T]) -> usize {
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, x) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, y) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(x != y))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// Counts the character and word errors of `hypothesis` against `truth`.
pub fn error_counts(truth: &str, hypothesis: &str) -> ErrorCounts {
    let truth_words: Vec<&str> = truth.split_whitespace().collect();
    let hyp_words: Vec<&str> = hypothesis.split_whitespace().collect();
    let truth_chars: Vec<char> = truth_words.join(" ").chars().collect();
    let hyp_chars: Vec<char> = hyp_words.join(" ").chars().collect();
    ErrorCounts {
        char_errors: levenshtein(&truth_chars, &hyp_chars),
        chars: truth_chars.len(),
        word_errors: levenshtein(&truth_words, &hyp_words),
        words: truth_words.len(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rates_count_edits_after_collapsing_whitespace() {
        let e = error_counts("stärka  arbetsmiljön\noch", "stirka arbetsmiljön och");
        assert_eq!(
            (e.char_errors, e.chars, e.word_errors, e.words),
            (1, 23, 1, 3)
        );
        assert_eq!(error_counts("a b", "a\n b").char_errors, 0);
    }
}
