#include "theme/Theme.h"

#include <QApplication>
#include <QEvent>
#include <QLoggingCategory>
#include <QStyle>
#include <QStyleFactory>
#include <QTimer>

namespace outpost {

Q_LOGGING_CATEGORY(lcTheme, "outpost.ui.theme", QtInfoMsg)

namespace {
Theme* s_instance = nullptr;
}

Theme::Theme(QApplication& app, QObject* parent)
    : QObject(parent)
    , m_app(app)
    , m_systemStyle(app.style() ? app.style()->name() : QString())
{
    Q_ASSERT(!s_instance);
    s_instance = this;
    m_app.installEventFilter(this);
    apply();
}

Theme::~Theme()
{
    m_app.removeEventFilter(this);
    if (s_instance == this)
        s_instance = nullptr;
}

Theme* Theme::instance()
{
    return s_instance;
}

void Theme::setMode(Mode mode)
{
    if (mode == m_mode)
        return;
    m_mode = mode;
    apply();
}

Theme::Mode Theme::modeFromString(const QString& text)
{
    if (text.compare(QLatin1String("dark"), Qt::CaseInsensitive) == 0)
        return Mode::Dark;
    if (text.compare(QLatin1String("light"), Qt::CaseInsensitive) == 0)
        return Mode::Light;
    return Mode::System;
}

QString Theme::modeToString(Mode mode)
{
    switch (mode) {
    case Mode::Dark:
        return QStringLiteral("dark");
    case Mode::Light:
        return QStringLiteral("light");
    case Mode::System:
        break;
    }
    return QStringLiteral("system");
}

bool Theme::isDarkPalette(const QPalette& palette)
{
    const QColor window = palette.color(QPalette::Active, QPalette::Window);
    const QColor text = palette.color(QPalette::Active, QPalette::WindowText);
    return window.lightness() < 128 && text.lightness() > window.lightness();
}

QPalette Theme::darkPalette()
{
    const QColor window(0x2d, 0x2d, 0x30);
    const QColor base(0x1e, 0x1e, 0x21);
    const QColor alternateBase(0x27, 0x27, 0x2a);
    const QColor button(0x3a, 0x3a, 0x3e);
    const QColor text(0xe8, 0xe8, 0xea);
    const QColor disabledText(0x7f, 0x7f, 0x85);
    const QColor highlight(0x35, 0x84, 0xe4);
    const QColor link(0x78, 0xae, 0xed);

    QPalette p;
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, alternateBase);
    p.setColor(QPalette::ToolTipBase, QColor(0x45, 0x45, 0x4a));
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, QColor(0x9a, 0x9a, 0xa0));
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, button);
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, QColor(0xff, 0x6b, 0x6b));
    p.setColor(QPalette::Light, QColor(0x50, 0x50, 0x55));
    p.setColor(QPalette::Midlight, QColor(0x44, 0x44, 0x48));
    p.setColor(QPalette::Mid, QColor(0x2a, 0x2a, 0x2d));
    p.setColor(QPalette::Dark, QColor(0x1a, 0x1a, 0x1c));
    p.setColor(QPalette::Shadow, QColor(0x0c, 0x0c, 0x0d));
    p.setColor(QPalette::Highlight, highlight);
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, link);
    p.setColor(QPalette::LinkVisited, QColor(0xb4, 0x8e, 0xed));

    p.setColor(QPalette::Disabled, QPalette::WindowText, disabledText);
    p.setColor(QPalette::Disabled, QPalette::Text, disabledText);
    p.setColor(QPalette::Disabled, QPalette::ButtonText, disabledText);
    p.setColor(QPalette::Disabled, QPalette::Base, window);
    p.setColor(QPalette::Disabled, QPalette::Button, QColor(0x33, 0x33, 0x36));
    p.setColor(QPalette::Disabled, QPalette::Highlight, QColor(0x50, 0x50, 0x55));
    p.setColor(QPalette::Disabled, QPalette::HighlightedText, disabledText);
    p.setColor(QPalette::Disabled, QPalette::PlaceholderText, QColor(0x60, 0x60, 0x66));
    p.setColor(QPalette::Inactive, QPalette::Highlight, QColor(0x2a, 0x5d, 0x9c));
    p.setColor(QPalette::Inactive, QPalette::HighlightedText, text);
    return p;
}

QColor Theme::errorColor()
{
    return isDarkPalette(QApplication::palette()) ? QColor(0xff, 0x9b, 0x93) : QColor(0xb3, 0x26, 0x1e);
}

QColor Theme::warningColor()
{
    return isDarkPalette(QApplication::palette()) ? QColor(0xff, 0xcc, 0x80) : QColor(0x8a, 0x4b, 0x00);
}

QColor Theme::successColor()
{
    return isDarkPalette(QApplication::palette()) ? QColor(0x9c, 0xd6, 0x9f) : QColor(0x1b, 0x6e, 0x20);
}

void Theme::apply()
{
    if (m_applying)
        return;
    m_applying = true;

    // Take our palette off so that QApplication::palette() is the platform's again.
    if (QApplication::style()->name().compare(m_systemStyle, Qt::CaseInsensitive) != 0 && !m_systemStyle.isEmpty())
        QApplication::setStyle(QStyleFactory::create(m_systemStyle));
    QApplication::setPalette(QPalette());
    const bool systemDark = isDarkPalette(QApplication::palette());

    bool dark = systemDark;
    if (m_mode == Mode::Dark)
        dark = true;
    else if (m_mode == Mode::Light)
        dark = false;

    if (dark) {
        if (QApplication::style()->name().compare(QLatin1String("fusion"), Qt::CaseInsensitive) != 0)
            QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
        QApplication::setPalette(darkPalette());
    } else if (systemDark) {
        // Light forced on a dark desktop: Fusion's own light palette.
        if (QApplication::style()->name().compare(QLatin1String("fusion"), Qt::CaseInsensitive) != 0)
            QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
        QApplication::setPalette(QApplication::style()->standardPalette());
    }
    qCDebug(lcTheme) << "mode" << m_mode << "system dark" << systemDark << "-> dark" << dark;

    m_applying = false;
    if (dark != m_dark) {
        m_dark = dark;
        emit darkChanged(dark);
    }
}

bool Theme::eventFilter(QObject* watched, QEvent* event)
{
    const bool themeChange = event->type() == QEvent::ThemeChange;
    const bool paletteChange = event->type() == QEvent::ApplicationPaletteChange && watched == &m_app;
    if ((themeChange || paletteChange) && !m_applying && !m_reapplyQueued && m_mode == Mode::System) {
        // Many objects receive the event: re-evaluate once, after the platform has finished updating.
        m_reapplyQueued = true;
        QTimer::singleShot(0, this, [this] {
            m_reapplyQueued = false;
            apply();
        });
    }
    return QObject::eventFilter(watched, event);
}

} // namespace outpost
