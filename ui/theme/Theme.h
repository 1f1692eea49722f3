#pragma once

#include <QObject>
#include <QPalette>

class QApplication;

namespace outpost {

// Light and dark appearance. Qt 6.4 has no QStyleHints::colorScheme, so "follow the system" means: read
// the platform's palette (with any palette of ours taken off), call it dark when its window colour is
// dark, and then use the Fusion style with a complete dark palette. Re-evaluated when the platform
// reports a theme or palette change.
class Theme : public QObject
{
    Q_OBJECT
public:
    enum class Mode { System, Light, Dark };
    Q_ENUM(Mode)

    explicit Theme(QApplication& app, QObject* parent = nullptr);
    ~Theme() override;

    // The one Theme of the application, or null before it is made.
    static Theme* instance();

    Mode mode() const { return m_mode; }
    void setMode(Mode mode);
    bool isDark() const { return m_dark; }

    // "system", "light", "dark" <-> Mode (unknown text = System).
    static Mode modeFromString(const QString& text);
    static QString modeToString(Mode mode);

    static bool isDarkPalette(const QPalette& palette);
    static QPalette darkPalette();
    // Text colours for messages that stay readable on the current palette.
    static QColor errorColor();
    static QColor warningColor();
    static QColor successColor();

signals:
    void darkChanged(bool dark);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void apply();

    QApplication& m_app;
    Mode m_mode = Mode::System;
    bool m_dark = false;
    bool m_applying = false;
    bool m_reapplyQueued = false;
    QString m_systemStyle;
};

} // namespace outpost
