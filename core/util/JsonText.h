#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringView>

#include <utility>

namespace outpost {

// Compact JSON text written by hand where a QJsonObject tree and QJsonDocument would cost more than the
// writing (a snapshot page, the outbox entry of a mutation of hundreds of rows). The text is what
// QJsonDocument writes for the same value: UTF-8, only the escapes JSON requires.

// Appends `s` as a JSON string, quotes included.
void appendJsonString(QByteArray& out, QStringView s);

// A flat object of text members, as compact text and as a QJsonObject. Qt 6's QJsonObject::insert costs
// about a third of a microsecond a member (each one searches and converts the keys); writing the text and
// parsing it once costs a third of building the object member by member, and the text comes with it
// (QJsonDocument::toJson costs twice the parse). The members are written in key order, as QJsonDocument
// writes them. A key must not come twice: a debug build stops; a release build keeps the value given last, in
// the text and the object alike.
struct JsonTextObject
{
    QByteArray text; // "{}" when there are no members
    QJsonObject object;
};
JsonTextObject jsonTextObject(QList<std::pair<QString, QString>> members);

} // namespace outpost
