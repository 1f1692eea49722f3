#include "widgets/MessageLabel.h"

#include "theme/Theme.h"

#include <QApplication>
#include <QEvent>

namespace outpost {

MessageLabel::MessageLabel(QWidget* parent)
    : QLabel(parent)
{
    setWordWrap(true);
    setTextFormat(Qt::PlainText);
    setTextInteractionFlags(Qt::TextSelectableByMouse);
    setVisible(false);
}

void MessageLabel::showMessage(Kind kind, const QString& text)
{
    m_kind = kind;
    setText(text);
    updateColour();
    setVisible(!text.isEmpty());
}

void MessageLabel::clearMessage()
{
    setText(QString());
    setVisible(false);
}

void MessageLabel::changeEvent(QEvent* event)
{
    QLabel::changeEvent(event);
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::StyleChange)
        updateColour();
}

void MessageLabel::updateColour()
{
    if (m_updating)
        return;
    m_updating = true;
    QColor colour;
    switch (m_kind) {
    case Kind::Error:
        colour = Theme::errorColor();
        break;
    case Kind::Warning:
        colour = Theme::warningColor();
        break;
    case Kind::Success:
        colour = Theme::successColor();
        break;
    case Kind::Info:
        colour = QApplication::palette().color(QPalette::WindowText);
        break;
    }
    QPalette p = palette();
    if (p.color(QPalette::WindowText) != colour) {
        p.setColor(QPalette::WindowText, colour);
        setPalette(p);
    }
    m_updating = false;
}

} // namespace outpost
