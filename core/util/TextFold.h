#pragma once

#include <QString>

namespace outpost {

// Folds text for matching and ordering: case-folded, diacritics removed, and letters without a
// decomposition mapped to their base (ß→ss, ł→l, ø→o, æ→ae, đ→d, ı→i, þ→th). "Müller" → "muller".
QString foldText(const QString& text);

// Only the digits of a string ("+49 (170) 123-45" → "4917012345").
QString digitsOnly(const QString& text);

} // namespace outpost
