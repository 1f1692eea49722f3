#include "contacts/LabelledValues.h"

#include "contacts/ContactMutators.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace outpost {

namespace {

constexpr int kMaxEntries = 20;
constexpr int kMaxLabel = 40;

QJsonArray parseArray(const QString& json, bool* ok)
{
    *ok = true;
    if (json.trimmed().isEmpty())
        return {};
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json.toUtf8(), &error);
    if (error.error != QJsonParseError::NoError || !doc.isArray()) {
        *ok = false;
        return {};
    }
    return doc.array();
}

QString text(const QJsonObject& o, const char* key)
{
    return o.value(QLatin1String(key)).toString().trimmed();
}

QString compact(const QJsonArray& a)
{
    return a.isEmpty() ? QString() : QString::fromUtf8(QJsonDocument(a).toJson(QJsonDocument::Compact));
}

} // namespace

const QStringList& LabelledValues::standardLabels()
{
    static const QStringList labels = {QStringLiteral("work"), QStringLiteral("home"), QStringLiteral("mobile"),
                                       QStringLiteral("other")};
    return labels;
}

QList<LabelledValue> LabelledValues::values(const QString& json)
{
    bool ok = false;
    const QJsonArray a = parseArray(json, &ok);
    QList<LabelledValue> out;
    for (const QJsonValue& v : a) {
        const QJsonObject o = v.toObject();
        out.append({text(o, "label"), text(o, "value")});
    }
    return out;
}

QList<LabelledAddress> LabelledValues::addresses(const QString& json)
{
    bool ok = false;
    const QJsonArray a = parseArray(json, &ok);
    QList<LabelledAddress> out;
    for (const QJsonValue& v : a) {
        const QJsonObject o = v.toObject();
        out.append({text(o, "label"), text(o, "street"), text(o, "postalCode"), text(o, "city"), text(o, "country")});
    }
    return out;
}

QString LabelledValues::toJson(const QList<LabelledValue>& values)
{
    QJsonArray a;
    for (const LabelledValue& v : values)
        a.append(QJsonObject{{QStringLiteral("label"), v.label}, {QStringLiteral("value"), v.value}});
    return compact(a);
}

QString LabelledValues::toJson(const QList<LabelledAddress>& addresses)
{
    QJsonArray a;
    for (const LabelledAddress& v : addresses)
        a.append(QJsonObject{{QStringLiteral("label"), v.label},
                             {QStringLiteral("street"), v.street},
                             {QStringLiteral("postalCode"), v.postalCode},
                             {QStringLiteral("city"), v.city},
                             {QStringLiteral("country"), v.country}});
    return compact(a);
}

QString LabelledValues::normalize(const QString& field, const QString& text, QString* problem)
{
    bool ok = false;
    const QJsonArray a = parseArray(text, &ok);
    if (!ok) {
        *problem = tr("The field \"%1\" must be a list of labelled entries.").arg(field);
        return {};
    }
    if (a.size() > kMaxEntries) {
        *problem = tr("The field \"%1\" has more than %2 entries.").arg(field).arg(kMaxEntries);
        return {};
    }
    for (const QJsonValue& v : a) {
        if (!v.isObject()) {
            *problem = tr("The field \"%1\" must be a list of labelled entries.").arg(field);
            return {};
        }
    }
    auto checkLabel = [&](const QString& label) {
        if (label.size() > kMaxLabel)
            *problem = tr("The label \"%1\" is too long (at most %2 characters).").arg(label).arg(kMaxLabel);
        return problem->isEmpty();
    };
    if (field == QLatin1String("otherAddresses")) {
        QList<LabelledAddress> kept;
        for (LabelledAddress e : addresses(text)) {
            if (e.street.isEmpty() && e.postalCode.isEmpty() && e.city.isEmpty() && e.country.isEmpty())
                continue;
            if (!checkLabel(e.label))
                return {};
            for (const auto& [name, value] : {std::pair{"street", e.street}, std::pair{"postalCode", e.postalCode},
                                              std::pair{"city", e.city}, std::pair{"country", e.country}}) {
                const QString p = ContactValidation::problemWith(QLatin1String(name), value);
                if (!p.isEmpty()) {
                    *problem = p;
                    return {};
                }
            }
            kept.append(e);
        }
        return toJson(kept);
    }
    const QString single = field == QLatin1String("otherEmails") ? QStringLiteral("email") : QStringLiteral("phone");
    QList<LabelledValue> kept;
    for (const LabelledValue& e : values(text)) {
        if (e.value.isEmpty())
            continue;
        if (!checkLabel(e.label))
            return {};
        const QString p = ContactValidation::problemWith(single, e.value);
        if (!p.isEmpty()) {
            *problem = p;
            return {};
        }
        kept.append(e);
    }
    return toJson(kept);
}

} // namespace outpost
