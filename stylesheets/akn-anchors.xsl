<?xml version="1.0" encoding="UTF-8"?>
<!--
  @brief Which Akoma Ntoso elements are searchable units, and their anchors:
  indexer/extract_akn.cc's rule, reproduced in XSLT 1.0. Included by akn.xsl.

  MUST CHANGE TOGETHER with extract_akn.cc (tests/render_test.cc checks,
  for every corpus and conformance file, that each anchor the extractor
  gives appears once as an id). The rule, as the extractor runs it:

  1. Documents ("scopes") are visited breadth first: the main document (the
     first child of the root not named components) and the root's children
     after it; then the documents nested in those (in components,
     attachments…), level by level, each level in document order. An
     element belongs to the scope of its nearest ancestor that is a
     document, a child of the root, meta or quoted text: meta and quoted
     text (quotedStructure, embeddedStructure, quotedText) belong to none.
  2. In each scope, in this order:
     - every preamble ("preambule");
     - the lowest provisions (article, section, rule, regulation holding
       no other provision of the scope), and the outermost blocks
       (paragraph, tblock, speech, question, answer, and other, narrative,
       summary, scene when they have an identifier) that neither sit in a
       provision nor hold one;
     - only when the previous step found nothing: every outermost body
       (body, mainBody, portionBody…), kind "texte".
     Preambles and bodies with no text (nested documents' text excluded)
     are not units, but they still take their anchor.
  3. Base anchor: the first non-empty of @eId, @wId, @xml:id, @id; else
     KIND_N, N counting the elements of that kind without an id, file-wide,
     in the order of step 2.
  4. A base already taken by an earlier element of step 2 becomes
     COMPONENT__BASE, COMPONENT being the id of the nearest component
     ancestor (else attachment ancestor) when it has one; if that is taken
     too (or there is no such id): BASE_2, BASE_3…, the first one free.
  Step 4 is sequential: templates akn-dedup bisect the list, so recursion
  depth is log2(units), with the anchors taken so far as a "|a|b|…|"
  string (ids containing "|" would confuse it; AKN ids never do).
  Uses the libxslt built-in node-set() (namespace
  http://xmlsoft.org/XSLT/namespace), not EXSLT: libexslt is not linked,
  so exsl:document and friends are not even available.
-->
<xsl:stylesheet version="1.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:lx="http://xmlsoft.org/XSLT/namespace"
                exclude-result-prefixes="lx">

  <!-- Element classes of extract_akn.cc, by local name (" name name … "). -->
  <xsl:variable name="D"
                select="' act amendment amendmentList bill debate debateReport doc documentCollection judgment officialGazette portion statement '"/>
  <xsl:variable name="Q" select="' quotedStructure embeddedStructure quotedText '"/>
  <xsl:variable name="P" select="' article section rule regulation '"/>
  <xsl:variable name="B" select="' paragraph tblock speech question answer '"/>
  <!-- Debate parts: blocks only when they have an identifier (step 3's). -->
  <xsl:variable name="DP" select="' other narrative summary scene '"/>
  <xsl:variable name="BODY" select="' body mainBody judgmentBody debateBody portionBody amendmentBody '"/>
  <!-- What closes a scope (step 1), besides a child of the root. -->
  <xsl:variable name="GATE" select="concat($D, ' meta ', $Q)"/>

  <!-- The main document. -->
  <xsl:variable name="d0" select="/*/*[local-name() != 'components'][1]"/>

  <!-- Candidate units (preambles, provisions, blocks, bodies) by the scope
       they belong to (generate-id of the scope). Keys may not use
       variables: the names and $GATE are spelled out. -->
  <xsl:key name="akn-scope"
           match="*[contains(' preamble article section rule regulation paragraph tblock speech question answer other narrative summary scene body mainBody judgmentBody debateBody portionBody amendmentBody ', concat(' ', local-name(), ' '))]"
           use="generate-id(ancestor::*[contains(' act amendment amendmentList bill debate debateReport doc documentCollection judgment officialGazette portion statement meta quotedStructure embeddedStructure quotedText ', concat(' ', local-name(), ' ')) or parent::*[not(parent::*)]][1])"/>

  <!-- Elements by their first identifier (step 3's order). -->
  <xsl:key name="akn-id" match="*[@eId or @wId or @xml:id or @id]"
           use="concat(@eId, substring(@wId, 1 div not(string(@eId))),
                       substring(@xml:id, 1 div not(string(@eId) or string(@wId))),
                       substring(@id, 1 div not(string(@eId) or string(@wId) or string(@xml:id))))"/>

  <!-- Steps 1 and 2: <c g s k b p keep/> per element, in the extractor's
       order (g: generate-id, s: its scope, k: kind, b: first id, p: prefix
       for step 4, keep: 1 when it is a unit). -->
  <xsl:template name="akn-calls">
    <xsl:param name="scopes"/>
    <xsl:for-each select="$scopes">
      <xsl:variable name="sid" select="generate-id()"/>
      <xsl:variable name="sdepth" select="count(ancestor::*)"/>
      <xsl:variable name="members" select="key('akn-scope', $sid)"/>
      <xsl:for-each select="$members[local-name() = 'preamble']">
        <xsl:call-template name="akn-call">
          <xsl:with-param name="sid" select="$sid"/>
          <xsl:with-param name="kind" select="'preambule'"/>
          <xsl:with-param name="keep" select="boolean(.//text()[normalize-space()][not(ancestor::*[count(ancestor::*) &gt; $sdepth][contains($D, concat(' ', local-name(), ' '))])])"/>
        </xsl:call-template>
      </xsl:for-each>
      <!-- " g1 g2 … ": every element of the scope that holds a provision
           of the scope, found from the provisions up. -->
      <xsl:variable name="holders">
        <xsl:text> </xsl:text>
        <xsl:for-each select="$members[contains($P, concat(' ', local-name(), ' '))]/ancestor::*[count(ancestor::*) &gt; $sdepth]">
          <xsl:value-of select="concat(generate-id(), ' ')"/>
        </xsl:for-each>
      </xsl:variable>
      <xsl:variable name="holder-list" select="string($holders)"/>
      <xsl:variable name="parts-rtf">
        <xsl:for-each select="$members[contains(concat($P, $B), concat(' ', local-name(), ' '))
                                       or (contains($DP, concat(' ', local-name(), ' '))
                                           and (string(@eId) or string(@wId) or string(@xml:id) or string(@id)))]
                                      [not(contains($holder-list, concat(' ', generate-id(), ' ')))]">
          <!-- A block: not in a provision, and not in a block that holds
               no provision (that one is the outermost block). -->
          <xsl:if test="contains($P, concat(' ', local-name(), ' '))
                        or not(ancestor::*[count(ancestor::*) &gt; $sdepth]
                                 [contains($P, concat(' ', local-name(), ' '))
                                  or ((contains($B, concat(' ', local-name(), ' '))
                                       or (contains($DP, concat(' ', local-name(), ' '))
                                           and (string(@eId) or string(@wId) or string(@xml:id) or string(@id))))
                                      and not(contains($holder-list, concat(' ', generate-id(), ' '))))])">
            <xsl:call-template name="akn-call">
              <xsl:with-param name="sid" select="$sid"/>
              <xsl:with-param name="kind" select="local-name()"/>
              <xsl:with-param name="keep" select="true()"/>
            </xsl:call-template>
          </xsl:if>
        </xsl:for-each>
      </xsl:variable>
      <xsl:copy-of select="$parts-rtf"/>
      <xsl:if test="not(lx:node-set($parts-rtf)/c)">
        <xsl:for-each select="$members[contains($BODY, concat(' ', local-name(), ' '))]
                                      [not(ancestor::*[count(ancestor::*) &gt; $sdepth][contains($BODY, concat(' ', local-name(), ' '))])]">
          <xsl:call-template name="akn-call">
            <xsl:with-param name="sid" select="$sid"/>
            <xsl:with-param name="kind" select="'texte'"/>
            <xsl:with-param name="keep" select="boolean(.//text()[normalize-space()][not(ancestor::*[count(ancestor::*) &gt; $sdepth][contains($D, concat(' ', local-name(), ' '))])])"/>
          </xsl:call-template>
        </xsl:for-each>
      </xsl:if>
    </xsl:for-each>
    <xsl:variable name="next"
                  select="$scopes//*[contains($D, concat(' ', local-name(), ' '))]
                                    [count(ancestor::*[contains($GATE, concat(' ', local-name(), ' ')) or parent::*[not(parent::*)]][1] | $scopes) = count($scopes)]"/>
    <xsl:if test="$next">
      <xsl:call-template name="akn-calls">
        <xsl:with-param name="scopes" select="$next"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <xsl:template name="akn-call">
    <xsl:param name="sid"/>
    <xsl:param name="kind"/>
    <xsl:param name="keep"/>
    <xsl:variable name="component" select="ancestor::*[local-name() = 'component'][1]"/>
    <xsl:variable name="holder" select="$component | ancestor::*[not($component)][local-name() = 'attachment'][1]"/>
    <c g="{generate-id()}" s="{$sid}" k="{$kind}" keep="{number($keep)}">
      <xsl:attribute name="b"><xsl:call-template name="akn-first-id"/></xsl:attribute>
      <xsl:attribute name="p">
        <xsl:for-each select="$holder"><xsl:call-template name="akn-first-id"/></xsl:for-each>
      </xsl:attribute>
    </c>
  </xsl:template>

  <!-- The first non-empty of @eId, @wId, @xml:id, @id of the context element. -->
  <xsl:template name="akn-first-id">
    <xsl:value-of select="concat(@eId, substring(@wId, 1 div not(string(@eId))),
                                 substring(@xml:id, 1 div not(string(@eId) or string(@wId))),
                                 substring(@id, 1 div not(string(@eId) or string(@wId) or string(@xml:id))))"/>
  </xsl:template>

  <xsl:variable name="calls-rtf">
    <xsl:call-template name="akn-calls">
      <xsl:with-param name="scopes" select="$d0 | $d0/following-sibling::*"/>
    </xsl:call-template>
  </xsl:variable>

  <!-- Step 3: the base anchor of each call. -->
  <xsl:variable name="bases-rtf">
    <xsl:for-each select="lx:node-set($calls-rtf)/c">
      <xsl:copy>
        <xsl:copy-of select="@*"/>
        <xsl:if test="@b = ''">
          <xsl:attribute name="b">
            <xsl:value-of select="concat(@k, '_', count(preceding-sibling::c[@b = ''][@k = current()/@k]) + 1)"/>
          </xsl:attribute>
        </xsl:if>
      </xsl:copy>
    </xsl:for-each>
  </xsl:variable>

  <!-- Step 4: <a g s k keep>anchor</a> per call. -->
  <xsl:variable name="anchors-rtf">
    <xsl:call-template name="akn-dedup">
      <xsl:with-param name="calls" select="lx:node-set($bases-rtf)/c"/>
    </xsl:call-template>
  </xsl:variable>
  <xsl:variable name="anchors" select="lx:node-set($anchors-rtf)/a"/>
  <xsl:key name="akn-anchor" match="a" use="@g"/>

  <!-- " g1 g2 … ": the units (cheap membership test), and "|a1|a2|…|":
       their anchors, the ids the page gives to units. -->
  <xsl:variable name="unit-gids">
    <xsl:text> </xsl:text>
    <xsl:for-each select="$anchors[@keep = '1']"><xsl:value-of select="concat(@g, ' ')"/></xsl:for-each>
  </xsl:variable>
  <xsl:variable name="unit-gid-list" select="string($unit-gids)"/>
  <xsl:variable name="unit-anchors">
    <xsl:text>|</xsl:text>
    <xsl:for-each select="$anchors[@keep = '1']"><xsl:value-of select="concat(., '|')"/></xsl:for-each>
  </xsl:variable>
  <xsl:variable name="unit-anchor-list" select="string($unit-anchors)"/>

  <xsl:template name="akn-dedup">
    <xsl:param name="calls"/>
    <xsl:param name="used" select="'|'"/>
    <xsl:variable name="n" select="count($calls)"/>
    <xsl:choose>
      <xsl:when test="$n = 1">
        <xsl:variable name="b" select="string($calls/@b)"/>
        <xsl:variable name="prefixed" select="concat($calls/@p, '__', $b)"/>
        <a g="{$calls/@g}" s="{$calls/@s}" k="{$calls/@k}" keep="{$calls/@keep}">
          <xsl:choose>
            <xsl:when test="not(contains($used, concat('|', $b, '|')))"><xsl:value-of select="$b"/></xsl:when>
            <xsl:when test="$calls/@p != '' and not(contains($used, concat('|', $prefixed, '|')))">
              <xsl:value-of select="$prefixed"/>
            </xsl:when>
            <xsl:otherwise>
              <xsl:call-template name="akn-numbered">
                <xsl:with-param name="base" select="$b"/>
                <xsl:with-param name="used" select="$used"/>
                <xsl:with-param name="i" select="2"/>
              </xsl:call-template>
            </xsl:otherwise>
          </xsl:choose>
        </a>
      </xsl:when>
      <xsl:when test="$n &gt; 1">
        <xsl:variable name="half" select="floor($n div 2)"/>
        <xsl:variable name="left-rtf">
          <xsl:call-template name="akn-dedup">
            <xsl:with-param name="calls" select="$calls[position() &lt;= $half]"/>
            <xsl:with-param name="used" select="$used"/>
          </xsl:call-template>
        </xsl:variable>
        <xsl:variable name="left" select="lx:node-set($left-rtf)/a"/>
        <xsl:copy-of select="$left"/>
        <xsl:variable name="used-right">
          <xsl:value-of select="$used"/>
          <xsl:for-each select="$left"><xsl:value-of select="concat(., '|')"/></xsl:for-each>
        </xsl:variable>
        <xsl:call-template name="akn-dedup">
          <xsl:with-param name="calls" select="$calls[position() &gt; $half]"/>
          <xsl:with-param name="used" select="string($used-right)"/>
        </xsl:call-template>
      </xsl:when>
    </xsl:choose>
  </xsl:template>

  <!-- BASE_i, the first one not in `used`, i ≥ 2. -->
  <xsl:template name="akn-numbered">
    <xsl:param name="base"/>
    <xsl:param name="used"/>
    <xsl:param name="i"/>
    <xsl:choose>
      <xsl:when test="not(contains($used, concat('|', $base, '_', $i, '|')))"><xsl:value-of select="concat($base, '_', $i)"/></xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="akn-numbered">
          <xsl:with-param name="base" select="$base"/>
          <xsl:with-param name="used" select="$used"/>
          <xsl:with-param name="i" select="$i + 1"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The anchor of the context element when it is a unit, else "". -->
  <xsl:template name="akn-unit-anchor">
    <xsl:variable name="gid" select="generate-id()"/>
    <xsl:if test="contains($unit-gid-list, concat(' ', $gid, ' '))">
      <xsl:for-each select="$anchors[1]"><xsl:value-of select="key('akn-anchor', $gid)"/></xsl:for-each>
    </xsl:if>
  </xsl:template>

  <!-- The id a heading-bearing element that is not a unit may carry, so
       that the table of contents and internal refs can point to it: its
       first identifier, when no other element of the file has it, no unit
       has it as anchor, and it holds no space; else "". -->
  <xsl:template name="akn-container-id">
    <xsl:variable name="fid"><xsl:call-template name="akn-first-id"/></xsl:variable>
    <xsl:if test="$fid != '' and not(contains($fid, ' ')) and count(key('akn-id', $fid)) = 1
                  and not(contains($unit-anchor-list, concat('|', $fid, '|')))
                  and not(ancestor::*[contains($Q, concat(' ', local-name(), ' '))])">
      <xsl:value-of select="$fid"/>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>
