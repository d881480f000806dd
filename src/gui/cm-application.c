/* cm-application.c — the review desk application: app-wide actions,
 * settings, style and the windows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-application"

#include "config.h"

#include <glib/gi18n.h>

#include "cm-application.h"
#include "cm-paths.h"
#include "cm-preferences-window.h"
#include "cm-window.h"

#define MAX_RECENT 10

struct _CmApplication
{
  GtkApplication  parent_instance;
  GSettings      *settings;
  GtkCssProvider *css;
  char           *annotator;  /* kept here only when settings cannot be */
};

G_DEFINE_FINAL_TYPE (CmApplication, cm_application, GTK_TYPE_APPLICATION)

const char *
cm_application_get_locale_dir (void)
{
  return cm_get_locale_dir ();
}

/* The installed schema, else the one compiled in the build tree. */
static GSettings *
create_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL)
    {
      g_autoptr(GSettingsSchemaSource) build_source = NULL;
      build_source = g_settings_schema_source_new_from_directory (CM_BUILD_ROOT "/data",
                                                                  source, FALSE, NULL);
      if (build_source)
        schema = g_settings_schema_source_lookup (build_source, APP_ID, FALSE);
    }
  if (schema == NULL)
    {
      g_message ("The settings schema %s is not installed: settings will not be kept", APP_ID);
      return NULL;
    }
  return g_settings_new_full (schema, NULL, NULL);
}

GSettings *
cm_application_get_settings (CmApplication *self)
{
  g_return_val_if_fail (CM_IS_APPLICATION (self), NULL);
  return self->settings;
}

void
cm_application_add_recent (CmApplication *self,
                           const char    *path)
{
  g_auto(GStrv) old = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) recent = NULL;
  guint n = 1;

  g_return_if_fail (CM_IS_APPLICATION (self));
  if (self->settings == NULL || path == NULL)
    return;

  old = g_settings_get_strv (self->settings, "recent-files");
  builder = g_strv_builder_new ();
  g_strv_builder_add (builder, path);
  for (guint i = 0; old[i] && n < MAX_RECENT; i++)
    if (g_strcmp0 (old[i], path) != 0)
      {
        g_strv_builder_add (builder, old[i]);
        n++;
      }
  recent = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, "recent-files", (const char * const *) recent);
}

char *
cm_application_dup_annotator (CmApplication *self)
{
  g_autofree char *name = NULL;

  g_return_val_if_fail (CM_IS_APPLICATION (self), NULL);
  name = self->settings ? g_settings_get_string (self->settings, "reviewer-name") : g_strdup (self->annotator);
  if (name)
    g_strstrip (name);
  return name && *name ? g_steal_pointer (&name) : NULL;
}

void
cm_application_set_annotator (CmApplication *self,
                              const char    *name)
{
  g_return_if_fail (CM_IS_APPLICATION (self));
  if (self->settings)
    g_settings_set_string (self->settings, "reviewer-name", name ? name : "");
  else
    {
      g_free (self->annotator);
      self->annotator = g_strdup (name);
    }
}

const char *
cm_application_get_granularity (CmApplication *self)
{
  g_autofree char *value = NULL;

  g_return_val_if_fail (CM_IS_APPLICATION (self), "sentence");
  if (self->settings)
    value = g_settings_get_string (self->settings, "granularity");
  return g_strcmp0 (value, "paragraph") == 0 ? "paragraph" : "sentence";
}

void
cm_application_apply_style (CmApplication *self)
{
  g_autofree char *style = NULL;
  GtkSettings *gtk_settings = gtk_settings_get_default ();
  const char *env = g_getenv ("CLAUSEMARK_STYLE");

  if (gtk_settings == NULL)
    return;
  if (env && *env)
    style = g_strdup (env);
  else if (self->settings)
    style = g_settings_get_string (self->settings, "style");
  g_object_set (gtk_settings, "gtk-application-prefer-dark-theme",
                g_strcmp0 (style, "dark") == 0, NULL);
}

static void
on_style_changed (GSettings     *settings,
                  const char    *key,
                  CmApplication *self)
{
  cm_application_apply_style (self);
}

static CmWindow *
get_or_create_window (CmApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    window = GTK_WINDOW (cm_window_new (self));
  return CM_WINDOW (window);
}

static void
cm_application_activate (GApplication *app)
{
  gtk_window_present (GTK_WINDOW (get_or_create_window (CM_APPLICATION (app))));
}

static void
cm_application_open (GApplication  *app,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  CmWindow *window = get_or_create_window (CM_APPLICATION (app));

  gtk_window_present (GTK_WINDOW (window));
  cm_window_open_files (window, files, (guint) n_files);
}

static void
cm_application_startup (GApplication *app)
{
  CmApplication *self = CM_APPLICATION (app);

  G_APPLICATION_CLASS (cm_application_parent_class)->startup (app);

  self->settings = create_settings ();
  if (self->settings)
    g_signal_connect_object (self->settings, "changed::style",
                             G_CALLBACK (on_style_changed), self, 0);
  cm_application_apply_style (self);

  self->css = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (self->css, "/org/clausemark/Clausemark/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (self->css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

static void
on_open_action (GSimpleAction *action,
                GVariant      *param,
                gpointer       user_data)
{
  CmWindow *window = get_or_create_window (CM_APPLICATION (user_data));

  gtk_window_present (GTK_WINDOW (window));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.open", NULL);
}

static void
on_preferences_action (GSimpleAction *action,
                       GVariant      *param,
                       gpointer       user_data)
{
  CmApplication *self = CM_APPLICATION (user_data);
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  CmPreferencesWindow *prefs = cm_preferences_window_new (self->settings);

  gtk_window_set_transient_for (GTK_WINDOW (prefs), parent);
  gtk_window_present (GTK_WINDOW (prefs));
}

static void
on_about_action (GSimpleAction *action,
                 GVariant      *param,
                 gpointer       user_data)
{
  CmApplication *self = CM_APPLICATION (user_data);
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  const char *authors[] = { "The Clausemark developers", NULL };
  GtkAboutDialog *about;

  about = GTK_ABOUT_DIALOG (gtk_about_dialog_new ());
  gtk_window_set_transient_for (GTK_WINDOW (about), parent);
  gtk_window_set_modal (GTK_WINDOW (about), TRUE);
  gtk_about_dialog_set_program_name (about, _("Clausemark"));
  gtk_about_dialog_set_logo_icon_name (about, APP_ID);
  gtk_about_dialog_set_version (about, PACKAGE_VERSION);
  gtk_about_dialog_set_comments (about, _("Review and correct the data-practice labels of privacy policy clauses"));
  gtk_about_dialog_set_license_type (about, GTK_LICENSE_GPL_3_0);
  gtk_about_dialog_set_authors (about, authors);
  gtk_about_dialog_set_translator_credits (about, _("translator-credits"));
  gtk_about_dialog_add_credit_section (about, _("Models trained on (CC BY 4.0)"),
                                       (const char *[]) {
                                         "CAPP-130 — Zhu et al., NeurIPS 2023 Datasets and Benchmarks",
                                         "APPSI-139",
                                         NULL });
  gtk_window_present (GTK_WINDOW (about));
}

static void
on_shortcuts_action (GSimpleAction *action,
                     GVariant      *param,
                     gpointer       user_data)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (user_data));

  if (window)
    gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL);
}

static void
on_quit_action (GSimpleAction *action,
                GVariant      *param,
                gpointer       user_data)
{
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (user_data));

  /* Each window asks about its unsaved changes before it goes. */
  for (GList *l = windows; l; l = l->next)
    if (CM_IS_WINDOW (l->data))
      {
        gtk_widget_activate_action (GTK_WIDGET (l->data), "win.close", NULL);
        return;
      }
  g_application_quit (G_APPLICATION (user_data));
}

static const GActionEntry app_actions[] = {
  { "open", on_open_action },
  { "preferences", on_preferences_action },
  { "shortcuts", on_shortcuts_action },
  { "about", on_about_action },
  { "quit", on_quit_action },
};

static void
cm_application_dispose (GObject *object)
{
  CmApplication *self = CM_APPLICATION (object);

  g_clear_object (&self->settings);
  g_clear_object (&self->css);
  g_clear_pointer (&self->annotator, g_free);
  G_OBJECT_CLASS (cm_application_parent_class)->dispose (object);
}

static void
cm_application_class_init (CmApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = cm_application_dispose;
  app_class->startup = cm_application_startup;
  app_class->activate = cm_application_activate;
  app_class->open = cm_application_open;
}

static void
cm_application_init (CmApplication *self)
{
  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  /* --help said only "clausemark [OPTION…]", though files and folders open */
  g_application_set_option_context_parameter_string (G_APPLICATION (self), _("[FILE|FOLDER…]"));
  g_application_set_option_context_summary (G_APPLICATION (self),
    _("Open privacy policies (text, HTML, PDF, Word, OpenDocument, Markdown), Clausemark "
      "documents or corpus folders in the review desk."));
}

CmApplication *
cm_application_new (void)
{
  CmApplication *self;
  const char *accels_open[] = { "<Control>o", NULL };
  const char *accels_quit[] = { "<Control>q", NULL };
  const char *accels_prefs[] = { "<Control>comma", NULL };
  const char *accels_shortcuts[] = { "<Control>question", NULL };

  /* NON_UNIQUE: each invocation is its own process, so a test or a second
   * analyst session never hands its files to another instance. */
  self = g_object_new (CM_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE,
                       "resource-base-path", "/org/clausemark/Clausemark",
                       NULL);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.open", accels_open);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", accels_quit);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences", accels_prefs);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.shortcuts",
                                         accels_shortcuts);
  return self;
}
