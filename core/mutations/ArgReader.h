#pragma once

#include "util/Result.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace outpost {

// Reads a mutation's arguments with clear messages. Each getter returns a usable default when the argument
// is missing or wrong and remembers the first problem; a mutator reads everything, then checks status()
// before it writes anything (validate first, then write).
class ArgReader
{
    Q_DECLARE_TR_FUNCTIONS(ArgReader)
public:
    explicit ArgReader(const QJsonObject& args) : m_args(args) {}

    bool has(const char* key) const { return m_args.contains(QLatin1String(key)); }
    // A UUID that must be there.
    QString id(const char* key);
    // A UUID or nothing (missing, null or ""): returns "".
    QString optionalId(const char* key);
    // Trimmed text; `required` refuses an empty value; longer than maxLength is refused.
    QString text(const char* key, bool required, int maxLength);
    // A whole number in [min, max]; missing → `fallback` unless required.
    qint64 integer(const char* key, bool required, qint64 min, qint64 max, qint64 fallback = 0);
    // A UTC time in ms, or null/missing → nullopt.
    std::optional<qint64> optionalTime(const char* key);
    // A three-letter upper-case ISO 4217 code.
    QString currency(const char* key);
    // An object (e.g. "set"); refuses keys outside `allowed`.
    QJsonObject object(const char* key, const QStringList& allowed);

    // Records a problem found by the caller (kept only if it is the first).
    void fail(const QString& message, ErrorCode code = ErrorCode::InvalidArgument);
    Status status() const { return m_error ? Status(*m_error) : Status(); }
    bool ok() const { return !m_error; }

private:
    QJsonObject m_args;
    std::optional<Error> m_error;
};

// The fields of `next` whose values differ from `old`: their old values in `before`, their new ones in `after`
// (what an update records, and what an edit dialog sends as "set").
void changedFields(const QJsonObject& old, const QJsonObject& next, QJsonObject* before, QJsonObject* after);

} // namespace outpost
