#include "pipeline/Money.h"

#include <QHash>
#include <QStringList>

#include <cmath>

namespace outpost::money {

int decimals(const QString& currency)
{
    static const QStringList none = {QStringLiteral("JPY"), QStringLiteral("KRW"), QStringLiteral("CLP"), QStringLiteral("ISK"),
                                     QStringLiteral("VND"), QStringLiteral("XAF"), QStringLiteral("XOF"), QStringLiteral("HUF")};
    static const QStringList three = {QStringLiteral("BHD"), QStringLiteral("KWD"), QStringLiteral("OMR"),
                                      QStringLiteral("JOD"), QStringLiteral("TND")};
    if (none.contains(currency))
        return 0;
    if (three.contains(currency))
        return 3;
    return 2;
}

namespace {
qint64 scale(int digits)
{
    qint64 s = 1;
    for (int i = 0; i < digits; ++i)
        s *= 10;
    return s;
}
} // namespace

QString format(qint64 minor, const QString& currency, const QLocale& locale)
{
    const int digits = decimals(currency);
    const qint64 s = scale(digits);
    // Whole units and the fraction separately: exact for any amount (a double is exact only to 2^53).
    const qint64 whole = minor / s;
    const qint64 fraction = std::llabs(minor % s);
    QString number = locale.toString(whole);
    if (minor < 0 && whole == 0)
        number.prepend(locale.negativeSign());
    if (digits > 0)
        number += locale.decimalPoint() + QStringLiteral("%1").arg(fraction, digits, 10, QLatin1Char('0'));
    // The locale's own currency with its symbol; a few unambiguous symbols for others; else the ISO code after.
    static const QHash<QString, QString> symbols = {{QStringLiteral("EUR"), QStringLiteral("€")},
                                                    {QStringLiteral("GBP"), QStringLiteral("£")},
                                                    {QStringLiteral("USD"), QStringLiteral("$")},
                                                    {QStringLiteral("JPY"), QStringLiteral("¥")}};
    const QString symbol = locale.currencySymbol(QLocale::CurrencyIsoCode) == currency
                               ? locale.currencySymbol(QLocale::CurrencySymbol)
                               : symbols.value(currency);
    return symbol.isEmpty() ? QString(number + QLatin1Char(' ') + currency) : QString(symbol + number);
}

QString plain(qint64 minor, const QString& currency, const QLocale& locale)
{
    const int digits = decimals(currency);
    const qint64 s = scale(digits);
    QString out = QString::number(minor / s);
    if (digits > 0)
        out += locale.decimalPoint() + QStringLiteral("%1").arg(std::llabs(minor % s), digits, 10, QLatin1Char('0'));
    return out;
}

std::optional<qint64> parse(const QString& text, const QString& currency, const QLocale& locale)
{
    QString t = text.trimmed();
    t.remove(locale.groupSeparator());
    t.remove(QLatin1Char(' '));
    if (t.isEmpty())
        return std::nullopt;
    const int digits = decimals(currency);
    QString whole = t, fraction;
    const int point = t.indexOf(locale.decimalPoint());
    if (point >= 0) {
        whole = t.left(point);
        fraction = t.mid(point + locale.decimalPoint().size());
    }
    if (fraction.size() > digits)
        return std::nullopt;
    bool okWhole = true, okFraction = true;
    const qint64 w = whole.isEmpty() ? 0 : whole.toLongLong(&okWhole);
    const qint64 f = fraction.isEmpty() ? 0 : fraction.leftJustified(digits, QLatin1Char('0')).toLongLong(&okFraction);
    if (!okWhole || !okFraction || w < 0 || w > 9'000'000'000'000 / scale(digits) || (!fraction.isEmpty() && fraction.startsWith(QLatin1Char('-'))))
        return std::nullopt;
    return w * scale(digits) + f;
}

QStringList commonCurrencies()
{
    return {QStringLiteral("EUR"), QStringLiteral("USD"), QStringLiteral("GBP"), QStringLiteral("CHF"), QStringLiteral("SEK"),
            QStringLiteral("NOK"), QStringLiteral("DKK"), QStringLiteral("PLN"), QStringLiteral("CZK"), QStringLiteral("CAD"),
            QStringLiteral("AUD"), QStringLiteral("JPY")};
}

} // namespace outpost::money
