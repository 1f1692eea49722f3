#include "mutations/ArgReader.h"

#include "util/JsonNumber.h"
#include "util/Uuid.h"

#include <QJsonValue>
#include <QRegularExpression>
#include <QStringList>

namespace outpost {

void ArgReader::fail(const QString& message, ErrorCode code)
{
    if (!m_error)
        m_error = Error(code, message);
}

QString ArgReader::id(const char* key)
{
    const QString v = m_args.value(QLatin1String(key)).toString();
    if (!isUuid(v)) {
        fail(tr("\"%1\" is missing or is not a valid id.").arg(QLatin1String(key)));
        return {};
    }
    return v;
}

QString ArgReader::optionalId(const char* key)
{
    const QJsonValue v = m_args.value(QLatin1String(key));
    if (v.isUndefined() || v.isNull() || (v.isString() && v.toString().isEmpty()))
        return {};
    if (!v.isString() || !isUuid(v.toString())) {
        fail(tr("\"%1\" is not a valid id.").arg(QLatin1String(key)));
        return {};
    }
    return v.toString();
}

QString ArgReader::text(const char* key, bool required, int maxLength)
{
    const QJsonValue v = m_args.value(QLatin1String(key));
    if (v.isUndefined() || v.isNull()) {
        if (required)
            fail(tr("\"%1\" is required.").arg(QLatin1String(key)));
        return {};
    }
    if (!v.isString()) {
        fail(tr("\"%1\" must be text.").arg(QLatin1String(key)));
        return {};
    }
    const QString s = v.toString().trimmed();
    if (required && s.isEmpty())
        fail(tr("\"%1\" must not be empty.").arg(QLatin1String(key)));
    else if (s.size() > maxLength)
        fail(tr("\"%1\" is too long (at most %2 characters).").arg(QLatin1String(key)).arg(maxLength));
    return s;
}

qint64 ArgReader::integer(const char* key, bool required, qint64 min, qint64 max, qint64 fallback)
{
    const QJsonValue v = m_args.value(QLatin1String(key));
    if (v.isUndefined() || v.isNull()) {
        if (required)
            fail(tr("\"%1\" is required.").arg(QLatin1String(key)));
        return fallback;
    }
    const auto n = jsonWholeNumber(v);
    if (!n || *n < min || *n > max) {
        fail(tr("\"%1\" must be a whole number from %2 to %3.").arg(QLatin1String(key)).arg(min).arg(max));
        return fallback;
    }
    return *n;
}

std::optional<qint64> ArgReader::optionalTime(const char* key)
{
    const QJsonValue v = m_args.value(QLatin1String(key));
    if (v.isUndefined() || v.isNull())
        return std::nullopt;
    const auto n = jsonWholeNumber(v);
    if (!n || *n < 0) {
        fail(tr("\"%1\" must be a time in UTC milliseconds, or null.").arg(QLatin1String(key)));
        return std::nullopt;
    }
    return n;
}

QString ArgReader::currency(const char* key)
{
    static const QRegularExpression re(QStringLiteral("^[A-Z]{3}$"));
    const QString v = m_args.value(QLatin1String(key)).toString();
    if (!re.match(v).hasMatch()) {
        fail(tr("\"%1\" must be a three-letter ISO currency code such as EUR or USD.").arg(QLatin1String(key)));
        return {};
    }
    return v;
}

QJsonObject ArgReader::object(const char* key, const QStringList& allowed)
{
    const QJsonValue v = m_args.value(QLatin1String(key));
    if (!v.isObject()) {
        fail(tr("\"%1\" must be an object.").arg(QLatin1String(key)));
        return {};
    }
    const QJsonObject o = v.toObject();
    for (auto it = o.begin(); it != o.end(); ++it) {
        if (!allowed.contains(it.key())) {
            fail(tr("\"%1\" cannot be changed here (allowed: %2).").arg(it.key(), allowed.join(QStringLiteral(", "))));
            return {};
        }
    }
    if (o.isEmpty())
        fail(tr("Nothing to change: \"%1\" is empty.").arg(QLatin1String(key)));
    return o;
}

void changedFields(const QJsonObject& old, const QJsonObject& next, QJsonObject* before, QJsonObject* after)
{
    for (auto it = next.begin(); it != next.end(); ++it) {
        if (old.value(it.key()) != it.value()) {
            if (before)
                before->insert(it.key(), old.value(it.key()));
            after->insert(it.key(), it.value());
        }
    }
}

} // namespace outpost
