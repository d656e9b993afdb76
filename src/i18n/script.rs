//! Scripts written without spaces between words. Unicode word segmentation (UAX #29) splits
//! Chinese into single ideographs but leaves a Thai or Katakana phrase as one "word", so
//! word counts, reading time and search tokens count these scripts by character instead:
//! that is how East Asian word processors count words, and how readers' speed is measured.
//! `search.js` holds the same table (`isUnspaced`); keep the two alike.

/// Reading speed in words a minute for scripts with spaces.
pub const WORDS_PER_MINUTE: usize = 230;

/// Reading speed in characters a minute for scripts without spaces: silent reading of
/// Chinese and Japanese runs at roughly 400 to 600 characters a minute.
pub const UNSPACED_CHARS_PER_MINUTE: usize = 500;

/// Whether `c` is a letter, digit or mark of a script written without spaces (Han, kana,
/// Thai, Lao, Myanmar, Khmer). Their punctuation and currency signs are not.
pub fn is_unspaced(c: char) -> bool {
    let c = c as u32;
    let in_script = matches!(
        c,
        0x0E00..=0x0EFF
            | 0x1000..=0x109F
            | 0x1780..=0x17FF
            | 0x3040..=0x30FF
            | 0x31F0..=0x31FF
            | 0x3400..=0x4DBF
            | 0x4E00..=0x9FFF
            | 0xF900..=0xFAFF
            | 0xFF66..=0xFF9F
            | 0x20000..=0x3FFFF
    );
    in_script
        && !matches!(
            c,
            0x0E3F | 0x0E4F | 0x0E5A | 0x0E5B | 0x104A..=0x104F | 0x17D4..=0x17DB | 0x30A0 | 0x30FB
        )
}

/// Minutes to read `words` words of which `unspaced` are characters of scripts without
/// spaces (counted one word each), at least one.
pub fn reading_minutes(words: usize, unspaced: usize) -> usize {
    let spaced = words.saturating_sub(unspaced);
    let per = WORDS_PER_MINUTE * UNSPACED_CHARS_PER_MINUTE;
    (spaced * UNSPACED_CHARS_PER_MINUTE + unspaced * WORDS_PER_MINUTE)
        .div_ceil(per)
        .max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn han_kana_and_thai_are_unspaced_their_punctuation_is_not() {
        for c in ['数', '据', 'の', 'デ', 'ไ', 'ท', 'ย', '𠀀'] {
            assert!(is_unspaced(c), "{c}");
        }
        for c in ['a', 'é', 'д', 'ع', '。', '、', '・', '฿', ' '] {
            assert!(!is_unspaced(c), "{c}");
        }
    }

    #[test]
    fn reading_time_counts_characters_of_unspaced_scripts() {
        assert_eq!(reading_minutes(0, 0), 1);
        assert_eq!(reading_minutes(230, 0), 1);
        assert_eq!(reading_minutes(231, 0), 2);
        assert_eq!(reading_minutes(3400, 3400), 7);
        assert_eq!(reading_minutes(730, 500), 2);
    }
}
