#pragma once

#include <QByteArray>
#include <QMultiMap>
#include <QString>
#include <QStringList>

namespace outpost {

// One content line of a vCard, decoded: transfer encodings (quoted-printable, base64) and charsets are
// undone, but the value keeps vCard's text escapes (\, \; \n \\) so that structured values (N, ADR, ORG)
// and lists (CATEGORIES) can still be split. text(), components() and listValues() unescape.
class VCardProperty
{
public:
    enum class ValueKind
    {
        Text,
        Structured,
        List,
        Uri,
        Binary
    };

    VCardProperty() = default;
    VCardProperty(QString name, QString rawValue);

    // Properties to write (values unescaped, as a user typed them).
    static VCardProperty makeText(const QString& name, const QString& text, const QStringList& types = {});
    static VCardProperty makeStructured(const QString& name, const QStringList& components,
                                        const QStringList& types = {});
    static VCardProperty makeList(const QString& name, const QStringList& values);

    QString group() const { return m_group; } // "item1" of "item1.EMAIL", else empty
    void setGroup(const QString& group) { m_group = group; }
    QString name() const { return m_name; } // upper-case: "EMAIL", "X-ABLABEL"
    void setName(const QString& name) { m_name = name.toUpper(); }

    // Parameters by upper-case name. TYPE values are lower-case and split ("TYPE=work,voice" and
    // "TYPE=work;TYPE=voice" and 2.1's bare ";WORK;VOICE" all give TYPE→work, TYPE→voice).
    const QMultiMap<QString, QString>& params() const { return m_params; }
    void addParam(const QString& name, const QString& value); // keeps the order of values
    void removeParam(const QString& name);
    QString param(const QString& name) const;           // first value, or empty
    QStringList paramValues(const QString& name) const; // in the order they were added
    QStringList types() const { return paramValues(QStringLiteral("TYPE")); }
    bool hasType(const QString& type) const;
    void addType(const QString& type) { addParam(QStringLiteral("TYPE"), type.toLower()); }
    // 1 (most preferred) … 100 from PREF=n, 1 for the older TYPE=pref, 0 when not preferred.
    int preference() const;

    // The value with vCard escapes kept; see the class comment.
    QString rawValue() const { return m_rawValue; }
    void setRawValue(const QString& rawValue) { m_rawValue = rawValue; }
    QString text() const;                       // unescaped whole value
    QStringList components() const;             // split at unescaped ';', each unescaped
    QList<QStringList> componentValues() const; // … and each split again at unescaped ','
    QStringList listValues() const;             // split at unescaped ',', each unescaped

    // Binary content (PHOTO, LOGO, SOUND, KEY) when the reader was asked to keep it.
    QByteArray data() const { return m_data; }
    void setData(const QByteArray& data) { m_data = data; }
    // "image/jpeg" from MEDIATYPE (4.0) or an image TYPE (2.1/3.0: JPEG, PNG, …); empty when unknown.
    QString mediaType() const;

    int lineNumber() const { return m_line; } // where it started in the file, 0 when not read from one
    void setLineNumber(int line) { m_line = line; }

    // How the value of a property with this name is shaped (upper-case name).
    static ValueKind valueKind(const QString& name);
    // vCard text escaping: \\ \, \; and line breaks as \n. escapeText leaves ';' alone when not structured.
    static QString escapeText(const QString& text, bool escapeSemicolon = true);
    // Undoes \\ \, \; \n \N and Google's \: ; any other backslash stays (old files hold "C:\temp").
    static QString unescapeText(QStringView raw);
    // Splits at separator characters that are not escaped, keeping the escapes in the parts.
    static QStringList splitEscaped(QStringView raw, QChar separator);

private:
    QString m_group;
    QString m_name;
    QMultiMap<QString, QString> m_params;
    QString m_rawValue;
    QByteArray m_data;
    int m_line = 0;
};

} // namespace outpost
