#pragma once

#include <QString>
#include <QStringList>

namespace outpost {

// Folds text for matching and ordering: case-folded, diacritics removed, and letters without a
// decomposition mapped to their base (ß→ss, ł→l, ø→o, æ→ae, đ→d, ı→i, þ→th). "Müller" → "muller".
QString foldText(const QString& text);

// The folded words of `text` split where the full-text tokenizer splits (at anything that is not a letter or
// a digit), separated by single spaces: " " + words LIKE "% word%" means "has a word starting with word",
// as the FTS query "word*" does. "Jean-Luc O'Brien" → "jean luc o brien".
QString foldedWordText(const QString& text);
// The same words as a list.
QStringList foldedWords(const QString& text);

// Only the digits of a string ("+49 (170) 123-45" → "4917012345").
QString digitsOnly(const QString& text);

} // namespace outpost
