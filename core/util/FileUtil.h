#pragma once

#include "util/Result.h"

#include <QByteArray>
#include <QString>

namespace outpost {

// Writes `data` to `path` through a temporary file and an atomic rename: readers see the old file or
// the new one, never half of either.
Status writeFileAtomically(const QString& path, const QByteArray& data);

// Moves `from` over `to` in one step, replacing `to` if it exists (rename(2) / MoveFileEx).
Status replaceFile(const QString& from, const QString& to);

} // namespace outpost
