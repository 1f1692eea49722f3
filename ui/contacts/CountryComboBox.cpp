#include "contacts/CountryComboBox.h"

#include <QCollator>
#include <QCompleter>
#include <QLineEdit>
#include <QHash>
#include <QLocale>
#include <QRegularExpression>

#include <algorithm>

namespace outpost {

namespace {

struct Country
{
    QString code;
    QString name;
};

// Qt's territories with a two-letter ISO code, by name. Names are Qt's English names: Qt has no
// translated territory names.
const QList<Country>& countries()
{
    static const QList<Country> list = [] {
        static const QRegularExpression twoLetters(QStringLiteral("^[A-Z]{2}$"));
        // Groupings and pseudo-territories, not countries.
        const QStringList skip = {QStringLiteral("EU"), QStringLiteral("EZ"), QStringLiteral("UN"),
                                  QStringLiteral("QO")};
        QList<Country> out;
        for (int t = 1; t <= int(QLocale::LastTerritory); ++t) {
            const auto territory = static_cast<QLocale::Territory>(t);
            const QString code = QLocale::territoryToCode(territory);
            if (!twoLetters.match(code).hasMatch() || skip.contains(code))
                continue;
            const QString name = QLocale::territoryToString(territory);
            if (name.isEmpty() || std::any_of(out.cbegin(), out.cend(), [&](const Country& c) { return c.code == code; }))
                continue;
            out.append({code, name});
        }
        QCollator collator;
        collator.setCaseSensitivity(Qt::CaseInsensitive);
        std::sort(out.begin(), out.end(),
                  [&](const Country& a, const Country& b) { return collator.compare(a.name, b.name) < 0; });
        return out;
    }();
    return list;
}

} // namespace

CountryComboBox::CountryComboBox(QWidget* parent)
    : QComboBox(parent)
{
    setObjectName(QStringLiteral("countryCombo"));
    // Editable so that a country is found by typing any part of its name or its code; what is typed is
    // only ever turned into one of the entries (see commitText()).
    setEditable(true);
    setInsertPolicy(QComboBox::NoInsert);
    addItem(QString(), QString()); // no country
    for (const Country& c : countries())
        addItem(tr("%1 (%2)").arg(c.name, c.code), c.code);
    setMaxVisibleItems(20);
    setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    setMinimumContentsLength(18);
    lineEdit()->setPlaceholderText(tr("Type a country or its two-letter code"));
    lineEdit()->setClearButtonEnabled(true);
    completer()->setCompletionMode(QCompleter::PopupCompletion);
    completer()->setFilterMode(Qt::MatchContains);
    completer()->setCaseSensitivity(Qt::CaseInsensitive);
    connect(lineEdit(), &QLineEdit::editingFinished, this, &CountryComboBox::commitText);
    connect(this, &QComboBox::currentIndexChanged, this, [this] { emit codeChanged(code()); });
}

void CountryComboBox::commitText()
{
    const QString text = lineEdit()->text().trimmed();
    int found = text.isEmpty() ? 0 : -1;
    for (int i = 1; i < count() && found < 0; ++i) {
        const QString code = itemData(i).toString();
        if (itemText(i).compare(text, Qt::CaseInsensitive) == 0 || code.compare(text, Qt::CaseInsensitive) == 0
            || countryName(code).compare(text, Qt::CaseInsensitive) == 0)
            found = i;
    }
    if (found >= 0)
        setCurrentIndex(found);
    // Whatever was typed, the field shows the entry that is chosen.
    setEditText(itemText(currentIndex()));
}

QString CountryComboBox::code() const
{
    return currentData().toString();
}

void CountryComboBox::setCode(const QString& code)
{
    int i = findData(code);
    if (i < 0) {
        addItem(code, code);
        i = count() - 1;
    }
    setCurrentIndex(i);
}

QString CountryComboBox::countryName(const QString& code)
{
    if (code.isEmpty())
        return {};
    for (const Country& c : countries())
        if (c.code == code)
            return c.name;
    return code;
}

} // namespace outpost
