#pragma once

// Helpers shared by the io tests: byte strings with {XX} escapes, reading whole inputs, and printing Qt
// strings in GoogleTest failure messages.
#include "io/CsvReader.h"
#include "io/VCardReader.h"

#include <initializer_list>
#include <ostream>
#include <QBuffer>
#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>
#include <string_view>

inline void PrintTo(const QString& s, std::ostream* os)
{
    *os << '"' << s.toStdString() << '"';
}

inline void PrintTo(const QStringList& list, std::ostream* os)
{
    *os << '[';
    for (qsizetype i = 0; i < list.size(); ++i)
        *os << (i ? ", \"" : "\"") << list[i].toStdString() << '"';
    *os << ']';
}

inline void PrintTo(const QByteArray& bytes, std::ostream* os)
{
    *os << '"' << bytes.toStdString() << '"';
}

namespace outpost::test {

// "Ren{E9}" → the bytes R e n 0xE9. Braces never occur in our samples otherwise.
inline QByteArray bytes(std::string_view spec)
{
    QByteArray out;
    for (size_t i = 0; i < spec.size(); ++i) {
        if (spec[i] == '{' && i + 3 < spec.size() && spec[i + 3] == '}') {
            out.append(static_cast<char>(std::stoi(std::string(spec.substr(i + 1, 2)), nullptr, 16)));
            i += 3;
        } else {
            out.append(spec[i]);
        }
    }
    return out;
}

// Lines joined by a line end (CRLF unless told), each line expanded by bytes().
inline QByteArray lines(std::initializer_list<std::string_view> list, std::string_view eol = "\r\n")
{
    QByteArray out;
    for (std::string_view line : list) {
        out += bytes(line);
        out.append(eol.data(), static_cast<qsizetype>(eol.size()));
    }
    return out;
}

inline QList<CsvRecord> readCsv(const QByteArray& data, const CsvReader::Options& options = {},
                                QChar* delimiter = nullptr)
{
    QBuffer buffer;
    buffer.setData(data);
    buffer.open(QIODevice::ReadOnly);
    CsvReader reader(&buffer, options);
    QList<CsvRecord> records;
    CsvRecord record;
    while (reader.next(&record))
        records.append(record);
    if (delimiter)
        *delimiter = reader.delimiter();
    return records;
}

inline QList<VCard> readVCards(const QByteArray& data, const VCardReader::Options& options = {})
{
    QBuffer buffer;
    buffer.setData(data);
    buffer.open(QIODevice::ReadOnly);
    VCardReader reader(&buffer, options);
    QList<VCard> cards;
    VCard card;
    while (reader.next(&card))
        cards.append(card);
    return cards;
}

inline QString u8s(const char* utf8)
{
    return QString::fromUtf8(utf8);
}

} // namespace outpost::test
