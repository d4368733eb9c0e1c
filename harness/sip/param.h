/*
 * param.h - the small grammars every SIP header value is made of
 * (RFC 3261 §25.1): token, generic-param lists, qvalue.  Quoted strings
 * are parsed here too; their parser is private to sip/ (sip_impl.h).
 */
#ifndef SIPCONFORM_SIP_PARAM_H
#define SIPCONFORM_SIP_PARAM_H

#include <stdbool.h>

#include "base/pl.h"

/** Most parameters one value may carry ("too many parameters" beyond). */
#define SIP_MAX_PARAMS 32

/** generic-param = token [ EQUAL gen-value ] (also uri-parameter). */
struct sipparam {
	struct pl name;
	struct pl val;   /**< without quotes' removal; empty if !has_val */
	bool has_val;
};

/** True if s is a §25 token (non-empty). */
bool sip_is_token(struct pl s);

/**
 * True if v is a qvalue (§20.10, §25):
 *   qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] )
 */
bool sip_qvalue_valid(struct pl v);

#endif
