#include "genealogy/UplineBreadcrumb.h"

namespace outpost {

UplineBreadcrumb::UplineBreadcrumb(QWidget* parent) : QLabel(parent)
{
    setTextFormat(Qt::RichText);
    setTextInteractionFlags(Qt::LinksAccessibleByMouse | Qt::LinksAccessibleByKeyboard);
    setWordWrap(true);
    setAccessibleName(tr("Upline"));
    connect(this, &QLabel::linkActivated, this, [this](const QString& link) {
        bool ok = false;
        const qint64 rid = link.toLongLong(&ok);
        if (ok)
            emit stepActivated(rid);
    });
    setPath({});
}

void UplineBreadcrumb::setPath(const QList<UplineEntry>& path)
{
    m_path = path;
    if (path.isEmpty()) {
        setText(tr("Select a distributor to see their upline."));
        setToolTip(QString());
        return;
    }
    const QString separator = QStringLiteral(" &nbsp;›&nbsp; ");
    QStringList parts;
    QStringList full;
    const qsizetype n = path.size();
    for (qsizetype i = 0; i < n; ++i) {
        const UplineEntry& e = path.at(i);
        full << e.displayName;
        if (n > kHead + kTail + 1 && i == kHead) {
            parts << tr("… %n more …", nullptr, int(n - kHead - kTail));
            i = n - kTail - 1;
            continue;
        }
        const QString name = e.displayName.toHtmlEscaped();
        parts << (i == n - 1 ? QStringLiteral("<b>%1</b>").arg(name)
                             : QStringLiteral("<a href=\"%1\">%2</a>").arg(e.rid).arg(name));
    }
    setText(tr("Upline (%n levels): ", nullptr, int(n - 1)) + parts.join(separator));
    setToolTip(full.join(QStringLiteral(" › ")));
}

} // namespace outpost
