#pragma once

#include <QImage>
#include <QWidget>

namespace outpost {

// Draws a QR code (libqrencode) of a short text such as an otpauth:// URI, dark modules on white with
// the quiet zone the standard asks for, scaled to whole pixels per module so phone cameras read it.
class QrCodeWidget : public QWidget
{
    Q_OBJECT
public:
    explicit QrCodeWidget(QWidget* parent = nullptr);

    void setText(const QString& text);
    QString text() const { return m_text; }
    bool isValid() const { return m_modules > 0; }
    // Modules per side (without the quiet zone); 0 when there is no code.
    int moduleCount() const { return m_modules; }
    // One pixel per module, quiet zone included (tests decode this).
    const QImage& image() const { return m_image; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

    static constexpr int kQuietZone = 4;

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    QString m_text;
    QImage m_image;
    int m_modules = 0;
};

} // namespace outpost
