/* The Green Book discount schedules a scenario may choose (the rates are in
 * appraisal/greenbook.c); here so the config stage can name one without
 * depending on the appraisal. */
#pragma once

typedef enum
{
  /* 3.5% years 0-30, 3.0% 31-75, 2.5% 76-125, 2.0% 126-200, 1.5% 201-300,
   * 1.0% beyond */
  DXI_DISCOUNT_STPR,
  DXI_DISCOUNT_HEALTH, /* 1.5%, 1.29%, 1.07%, 0.86%, 0.64%, 0.43% on the same bands */
  DXI_DISCOUNT_FLAT,   /* one rate every year */
} DxiDiscount;
