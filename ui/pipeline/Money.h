#pragma once

#include <QLocale>
#include <QString>

#include <optional>

namespace outpost::money {

// Minor-unit digits of an ISO 4217 currency (2 for most; 0 for JPY, KRW …; 3 for BHD, KWD …).
int decimals(const QString& currency);
// "€1,234.50" in the user's locale, from integer minor units.
QString format(qint64 minor, const QString& currency, const QLocale& locale = QLocale());
// "1234.50" (with the locale's decimal point, no grouping): what an edit field starts from; parse() reads it back.
QString plain(qint64 minor, const QString& currency, const QLocale& locale = QLocale());
// Parses what a user typed ("1234.5", "1,234.50" in their locale) into minor units; nothing if it is not an
// amount with at most the currency's digits after the separator.
std::optional<qint64> parse(const QString& text, const QString& currency, const QLocale& locale = QLocale());
// Common currencies first for pickers.
QStringList commonCurrencies();

} // namespace outpost::money
