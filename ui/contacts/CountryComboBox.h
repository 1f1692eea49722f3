#pragma once

#include <QComboBox>

namespace outpost {

// Picks a country by name and stores its ISO 3166-1 alpha-2 code ("DE"). Typing filters the list by any part
// of the name; the first (empty) entry is "no country".
// A code Qt does not know is kept as its own entry so that editing never loses it.
class CountryComboBox : public QComboBox
{
    Q_OBJECT
public:
    explicit CountryComboBox(QWidget* parent = nullptr);

    QString code() const;
    void setCode(const QString& code);

    // The name shown for `code` ("Germany"); the code itself when unknown; empty for an empty code.
    static QString countryName(const QString& code);

signals:
    void codeChanged(const QString& code);

private:
    // Turns the typed text into the entry it names (by name, code or entry text), or restores the entry.
    void commitText();
};

} // namespace outpost
