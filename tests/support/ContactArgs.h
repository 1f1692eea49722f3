#pragma once

#include <QJsonObject>
#include <QString>

namespace outpost::test {

// Arguments of contact.create / contact.update as a client sends them.
inline QJsonObject contactCreateArgs(const QString& id, const QString& first, const QString& last)
{
    return QJsonObject{{QStringLiteral("id"), id},
                       {QStringLiteral("fields"), QJsonObject{{QStringLiteral("firstName"), first},
                                                              {QStringLiteral("lastName"), last}}}};
}

inline QJsonObject contactSetArgs(const QString& id, const QString& field, const QString& value)
{
    return QJsonObject{{QStringLiteral("id"), id}, {QStringLiteral("set"), QJsonObject{{field, value}}}};
}

} // namespace outpost::test
