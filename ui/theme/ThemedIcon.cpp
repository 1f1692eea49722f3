#include "theme/ThemedIcon.h"

#include <QApplication>
#include <QFile>
#include <QHash>
#include <QIconEngine>
#include <QPainter>
#include <QPalette>
#include <QPixmapCache>
#include <QSvgRenderer>

namespace outpost {

namespace {

QByteArray svgSource(const QString& path)
{
    static QHash<QString, QByteArray> cache;
    auto it = cache.constFind(path);
    if (it != cache.constEnd())
        return *it;
    QFile f(path);
    QByteArray data;
    if (f.open(QIODevice::ReadOnly))
        data = f.readAll();
    cache.insert(path, data);
    return data;
}

class ThemedSvgIconEngine final : public QIconEngine
{
public:
    ThemedSvgIconEngine(QString path, bool recolour)
        : m_path(std::move(path))
        , m_recolour(recolour)
    {
    }

    QIconEngine* clone() const override { return new ThemedSvgIconEngine(m_path, m_recolour); }
    QString key() const override { return QStringLiteral("outpost-themed-svg"); }

    QSize actualSize(const QSize& size, QIcon::Mode, QIcon::State) override { return size; }

    void paint(QPainter* painter, const QRect& rect, QIcon::Mode mode, QIcon::State state) override
    {
        const qreal dpr = painter->device() ? painter->device()->devicePixelRatioF() : 1.0;
        painter->drawPixmap(rect, scaledPixmap(rect.size(), mode, state, dpr));
    }

    QPixmap pixmap(const QSize& size, QIcon::Mode mode, QIcon::State state) override
    {
        return scaledPixmap(size, mode, state, 1.0);
    }

    QPixmap scaledPixmap(const QSize& size, QIcon::Mode mode, QIcon::State state, qreal scale) override
    {
        Q_UNUSED(state);
        const QColor colour = m_recolour ? colourFor(mode) : QColor();
        const QSize device = size * scale;
        const QString cacheKey = QStringLiteral("outpost-icon:%1:%2x%3:%4:%5")
                                     .arg(m_path)
                                     .arg(device.width())
                                     .arg(device.height())
                                     .arg(colour.isValid() ? colour.name(QColor::HexArgb) : QStringLiteral("-"))
                                     .arg(int(mode));
        QPixmap pm;
        if (QPixmapCache::find(cacheKey, &pm))
            return pm;

        QByteArray svg = svgSource(m_path);
        if (m_recolour)
            svg.replace("currentColor", colour.name(QColor::HexRgb).toLatin1());
        QSvgRenderer renderer(svg);
        pm = QPixmap(device);
        pm.fill(Qt::transparent);
        if (renderer.isValid()) {
            QPainter p(&pm);
            p.setRenderHint(QPainter::Antialiasing);
            renderer.render(&p, QRectF(QPointF(0, 0), QSizeF(device)));
            p.end();
            if (!m_recolour && mode == QIcon::Disabled) {
                // Coloured artwork: fade it instead of recolouring.
                QPixmap faded(device);
                faded.fill(Qt::transparent);
                QPainter fp(&faded);
                fp.setOpacity(0.4);
                fp.drawPixmap(0, 0, pm);
                fp.end();
                pm = faded;
            }
        }
        pm.setDevicePixelRatio(scale);
        QPixmapCache::insert(cacheKey, pm);
        return pm;
    }

private:
    static QColor colourFor(QIcon::Mode mode)
    {
        const QPalette pal = QApplication::palette();
        switch (mode) {
        case QIcon::Disabled:
            return pal.color(QPalette::Disabled, QPalette::WindowText);
        case QIcon::Selected:
            return pal.color(QPalette::Active, QPalette::HighlightedText);
        case QIcon::Normal:
        case QIcon::Active:
            break;
        }
        return pal.color(QPalette::Active, QPalette::WindowText);
    }

    QString m_path;
    bool m_recolour;
};

} // namespace

QIcon themedIcon(const QString& name, bool recolour)
{
    return QIcon(new ThemedSvgIconEngine(QStringLiteral(":/icons/%1.svg").arg(name), recolour));
}

QIcon applicationIcon()
{
    // Fixed sizes so that window managers that ask for a list of pixmaps get sharp ones.
    QIcon icon;
    const QIcon svg = themedIcon(QStringLiteral("outpost"), false);
    for (int s : {16, 22, 24, 32, 48, 64, 128, 256})
        icon.addPixmap(svg.pixmap(QSize(s, s)));
    return icon;
}

} // namespace outpost
