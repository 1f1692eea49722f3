#pragma once

#include <QLabel>

namespace outpost {

// A word-wrapped label for inline feedback (a validation problem, a failed unlock, "Saved"). Its colour
// comes from the kind and is recomputed when the palette changes, so it stays readable in dark mode.
// Hidden while it has no text.
class MessageLabel : public QLabel
{
    Q_OBJECT
public:
    enum class Kind { Info, Success, Warning, Error };
    Q_ENUM(Kind)

    explicit MessageLabel(QWidget* parent = nullptr);

    void showMessage(Kind kind, const QString& text);
    void showError(const QString& text) { showMessage(Kind::Error, text); }
    void clearMessage();
    Kind kind() const { return m_kind; }

protected:
    void changeEvent(QEvent* event) override;

private:
    void updateColour();

    Kind m_kind = Kind::Info;
    bool m_updating = false;
};

} // namespace outpost
