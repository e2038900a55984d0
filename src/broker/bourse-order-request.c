/* bourse-order-request.c — BourseOrderRequest: what an order ticket sends to place or modify an order
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "bourse-order-request.h"

/* Registered by hand: G_DEFINE_BOXED_TYPE trips -Wpedantic with gcc 12. */
GType
bourse_order_request_get_type (void)
{
  static gsize type_id = 0;

  if (g_once_init_enter (&type_id))
    {
      GType type = g_boxed_type_register_static (g_intern_static_string ("BourseOrderRequest"),
                                                 (GBoxedCopyFunc) bourse_order_request_copy,
                                                 (GBoxedFreeFunc) bourse_order_request_free);
      g_once_init_leave (&type_id, type);
    }
  return type_id;
}

/**
 * bourse_order_request_new:
 *
 * Returns: (transfer full): a request with a new random request_id
 */
BourseOrderRequest *
bourse_order_request_new (const char      *instrument,
                          BourseSide       side,
                          BourseOrderType  type,
                          double           qty)
{
  BourseOrderRequest *self = g_new0 (BourseOrderRequest, 1);

  self->instrument = g_strdup (instrument);
  self->side = side;
  self->type = type;
  self->qty = qty;
  self->request_id = g_uuid_string_random ();
  return self;
}

BourseOrderRequest *
bourse_order_request_copy (const BourseOrderRequest *self)
{
  BourseOrderRequest *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  copy->instrument = g_strdup (self->instrument);
  copy->duration_type = g_strdup (self->duration_type);
  copy->request_id = g_strdup (self->request_id);
  return copy;
}

void
bourse_order_request_free (BourseOrderRequest *self)
{
  if (self == NULL)
    return;
  g_free (self->instrument);
  g_free (self->duration_type);
  g_free (self->request_id);
  g_free (self);
}
