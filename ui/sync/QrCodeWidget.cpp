#include "sync/QrCodeWidget.h"

#include <QPainter>

#include <qrencode.h>

#include <memory>

namespace outpost {

QrCodeWidget::QrCodeWidget(QWidget* parent) : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
}

void QrCodeWidget::setText(const QString& text)
{
    m_text = text;
    m_image = QImage();
    m_modules = 0;
    if (!text.isEmpty()) {
        const QByteArray utf8 = text.toUtf8();
        std::unique_ptr<QRcode, decltype(&QRcode_free)> code(
            QRcode_encodeString(utf8.constData(), 0, QR_ECLEVEL_M, QR_MODE_8, 1), &QRcode_free);
        if (code) {
            m_modules = code->width;
            const int side = m_modules + 2 * kQuietZone;
            m_image = QImage(side, side, QImage::Format_Grayscale8);
            m_image.fill(255);
            for (int y = 0; y < m_modules; ++y)
                for (int x = 0; x < m_modules; ++x)
                    if (code->data[y * m_modules + x] & 1)
                        m_image.setPixel(x + kQuietZone, y + kQuietZone, qRgb(0, 0, 0));
        }
    }
    updateGeometry();
    update();
}

QSize QrCodeWidget::sizeHint() const
{
    const int side = m_image.isNull() ? 0 : m_image.width();
    return QSize(side * 4, side * 4).expandedTo(QSize(160, 160));
}

QSize QrCodeWidget::minimumSizeHint() const
{
    return sizeHint();
}

void QrCodeWidget::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    if (m_image.isNull())
        return;
    // Whole device pixels per module: no blurred edges.
    const int side = m_image.width();
    const int scale = std::max(1, std::min(width(), height()) / side);
    const int drawn = side * scale;
    const QRect target((width() - drawn) / 2, (height() - drawn) / 2, drawn, drawn);
    p.setRenderHint(QPainter::SmoothPixmapTransform, false);
    p.drawImage(target, m_image);
}

} // namespace outpost
