#include "pipeline/DealCardDelegate.h"

#include "pipeline/DealCardModel.h"

#include <QApplication>
#include <QDateTime>
#include <QPainter>
#include <QPainterPath>

namespace outpost {

namespace {
constexpr int kMargin = 4;   // around the card
constexpr int kPadding = 8;  // inside it
} // namespace

QSize DealCardDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex&) const
{
    const QFontMetrics fm(option.font);
    // Narrow: a list view widens each item to its viewport, so the card fills the column whatever its width.
    return {120, 2 * kMargin + 2 * kPadding + 3 * fm.height() + 4};
}

void DealCardDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    const QRect card = option.rect.adjusted(kMargin, kMargin, -kMargin, -kMargin);
    const QPalette& pal = option.palette;
    const bool selected = option.state & QStyle::State_Selected;
    QPainterPath path;
    path.addRoundedRect(QRectF(card).adjusted(0.5, 0.5, -0.5, -0.5), 6, 6);
    painter->fillPath(path, pal.color(QPalette::Base));
    painter->setPen(QPen(selected ? pal.color(QPalette::Highlight) : pal.color(QPalette::Mid), selected ? 2 : 1));
    painter->drawPath(path);

    const QRect text = card.adjusted(kPadding, kPadding, -kPadding, -kPadding);
    const QFontMetrics fm(option.font);
    QFont bold = option.font;
    bold.setBold(true);
    const QFontMetrics bfm(bold);
    painter->setPen(pal.color(QPalette::Text));
    painter->setFont(bold);
    const QString title = bfm.elidedText(index.data(Qt::DisplayRole).toString(), Qt::ElideRight, text.width());
    painter->drawText(QRect(text.left(), text.top(), text.width(), bfm.height()), Qt::AlignLeft | Qt::AlignVCenter, title);

    painter->setFont(option.font);
    const int line2 = text.top() + bfm.height() + 2;
    painter->drawText(QRect(text.left(), line2, text.width(), fm.height()), Qt::AlignLeft | Qt::AlignVCenter,
                      index.data(DealCardModel::ValueTextRole).toString());

    const QVariant close = index.data(DealCardModel::ExpectedCloseRole);
    const QString closeText = close.isValid()
                                  ? tr("closes %1").arg(QLocale().toString(QDateTime::fromMSecsSinceEpoch(close.toLongLong()).date(),
                                                                           QLocale::ShortFormat))
                                  : tr("no close date");
    const QString owner = index.data(DealCardModel::OwnerRole).toString();
    const QString line3Text = owner.isEmpty() ? closeText : tr("%1 · %2").arg(owner, closeText);
    painter->setPen(pal.color(QPalette::PlaceholderText));
    painter->drawText(QRect(text.left(), line2 + fm.height() + 2, text.width(), fm.height()), Qt::AlignLeft | Qt::AlignVCenter,
                      fm.elidedText(line3Text, Qt::ElideRight, text.width()));
    painter->restore();
}

} // namespace outpost
